package io.javeze.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.aws.AwsClients;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.fault.FaultInjection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moto benchmark's client-side latency: it applies to, and counts, every attempt of every call. */
class ClientLatencyTest {
    @TempDir
    Path dir;

    @Test
    void countsEachOperationsAttempts() {
        ClientLatency latency = new ClientLatency(1);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir));
             LocalClients local = new LocalClients(cloud.endpoint(), latency)) {
            local.clients.sts().getCallerIdentity();
            local.clients.sts().getCallerIdentity();
            local.clients.lambda().listFunctions();
        }
        assertThat(latency.attempts("Sts.GetCallerIdentity")).isEqualTo(2);
        assertThat(latency.attempts("Lambda.ListFunctions")).isEqualTo(1);
        assertThat(latency.attempts("Lambda.CreateFunction")).isZero();
    }

    @Test
    void aRetriedCallWaitsAndCountsOncePerAttempt() {
        ClientLatency latency = new ClientLatency(1);
        LocalCloudOptions failing = LocalCloudOptions.defaults().withPort(0).withDataDir(dir).withFaults(new FaultInjection(1, 0, 0, 1.0, 0));
        try (LocalCloud cloud = LocalCloud.start(failing); LocalClients local = new LocalClients(cloud.endpoint(), latency)) {
            assertThatThrownBy(() -> local.clients.lambda().listFunctions()).hasMessageContaining("500");
        }
        assertThat(latency.attempts("Lambda.ListFunctions")).isEqualTo(AwsClients.MAX_ATTEMPTS);
    }
}
