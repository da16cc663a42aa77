package io.javeze.deploy.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The deploy lease against the local cloud's S3 (conditional writes over loopback HTTP). */
class DeployLeaseTest {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final DeployLease.Settings QUICK = new DeployLease.Settings(Duration.ofSeconds(30), Duration.ofSeconds(1));

    @TempDir
    static Path temp;
    static LocalCloud cloud;
    static LocalClients local;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp));
        local = new LocalClients(cloud.endpoint());
    }

    @AfterAll
    static void stop() {
        local.close();
        cloud.close();
    }

    static DeployLease take(String stage, DeployLease.Settings settings) {
        return DeployLease.acquire(local.clients.s3(), REGION, ACCOUNT, "shop", stage, "deploy", settings, Clock.systemUTC());
    }

    @Test
    void aSecondHolderWaitsThenStopsNamingTheFirstAndGetsItOnceReleased() {
        S3Client s3 = local.clients.s3();
        try (DeployLease first = take("prod", QUICK)) {
            assertThatThrownBy(() -> take("prod", QUICK)).isInstanceOf(JavezeException.class)
                    .hasMessageStartingWith("stage prod of service shop is being changed by another deploy on ")
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ") since ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            try (DeployLease other = take("dev", QUICK)) {
                assertThat(other.lost()).as("another stage has its own lease").isFalse();
            }
        }
        try (DeployLease again = take("prod", QUICK)) {
            assertThat(again.lost()).isFalse();
        }
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(DeployLease.bucket(ACCOUNT, REGION)).key("leases/shop/prod")))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    }

    @Test
    void aLeaseLeftByACrashedHolderIsTakenOverOnceExpired() {
        S3Client s3 = local.clients.s3();
        try (DeployLease ignored = take("qa", QUICK)) {
            // makes sure the bucket exists
        }
        String stale = "{\"host\":\"ci-7\",\"pid\":4242,\"started\":\"2026-01-01T00:00:00Z\",\"expires\":\""
                + Instant.now().minusSeconds(5) + "\",\"what\":\"deploy\",\"token\":\"t\"}";
        s3.putObject(b -> b.bucket(DeployLease.bucket(ACCOUNT, REGION)).key("leases/shop/qa"), RequestBody.fromString(stale));

        try (DeployLease taken = take("qa", QUICK)) {
            assertThat(taken.lost()).isFalse();
            String now = s3.getObjectAsBytes(b -> b.bucket(DeployLease.bucket(ACCOUNT, REGION)).key("leases/shop/qa")).asUtf8String();
            assertThat(now).doesNotContain("ci-7");
        }
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(DeployLease.bucket(ACCOUNT, REGION)).key("leases/shop/qa")))
                .isInstanceOf(NoSuchKeyException.class);
    }
}
