package io.javeze.local.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background local cloud: started on demand, found again, listed, stopped. */
class LocalCloudDaemonTest {
    @TempDir
    Path dir;

    @Test
    void ensureRunningStartsOnceAndStopStops() {
        try {
            URI endpoint = LocalCloudDaemon.ensureRunning(dir, 0);
            assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
            long pid = LocalCloudDaemon.running(dir).orElseThrow().pid();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(LocalCloudDaemon.ensureRunning(dir, 0)).as("reuses the running one").isEqualTo(endpoint);
            assertThat(LocalCloudDaemon.isolation(endpoint)).as("reported by the health endpoint").hasValueSatisfying(
                    isolation -> assertThat(isolation).matches("bubblewrap \\S+ \\(read-only /var/task.*|none - functions run as .*"));
            assertThat(LocalCloudDaemon.running(dir).orElseThrow().pid()).isEqualTo(pid);
            try (AwsClients aws = new AwsClients(AwsTarget.local(endpoint, "us-east-1"), 2)) {
                aws.sqs().createQueue(r -> r.queueName("from-daemon-test"));
                aws.sns().createTopic(r -> r.name("daemon-topic"));
            }
            Inventory inventory = Inventory.read(dir);
            assertThat(inventory.queues()).containsExactly("from-daemon-test");
            assertThat(inventory.topics()).containsExactly("arn:aws:sns:us-east-1:000000000000:daemon-topic");
            assertThat(LocalCloudDaemon.stop(dir)).isTrue();
            assertThat(LocalCloudDaemon.running(dir)).isEmpty();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Files.exists(DaemonRecord.file(dir))).isFalse();
            assertThat(LocalCloudDaemon.stop(dir)).as("nothing left to stop").isFalse();
        } finally {
            LocalCloudDaemon.stop(dir);
        }
    }

    @Test
    void concurrentCallersGetTheOneCloudThatWonTheLock() throws Exception {
        try {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> LocalCloudDaemon.ensureRunning(dir, 0));
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> LocalCloudDaemon.ensureRunning(dir, 0));
            URI endpoint = first.get();
            assertThat(second.get()).isEqualTo(endpoint);
            assertThat(LocalCloudDaemon.running(dir).orElseThrow().endpoint()).isEqualTo(endpoint);
        } finally {
            LocalCloudDaemon.stop(dir);
        }
    }

    @Test
    void aStalePidFileIsIgnored() {
        new DaemonRecord(Long.MAX_VALUE - 1, URI.create("http://127.0.0.1:1")).write(dir);
        assertThat(LocalCloudDaemon.running(dir)).isEmpty();
        assertThat(LocalCloudDaemon.stop(dir)).isFalse();
        assertThat(Files.exists(DaemonRecord.file(dir))).isFalse();
    }
}
