package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTimeouts;
import io.javeze.config.JavezeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.fault.FaultInjection;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the user sees when AWS fails or does not answer: one line naming the call, exit 1, in bounded time. */
class AwsFailuresTest {
    @TempDir
    Path dir;

    private FunctionDeployOptions options(Path zip, String endpoint) {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.name = "hello";
        o.zip = zip;
        o.local = true;
        o.endpointUrl = endpoint;
        return o;
    }

    @Test
    void serverErrorsThatOutlastTheSdkRetriesAreOneUserErrorNamingServiceAndOperation() throws Exception {
        Path zip = TestPackages.hello(dir, "5xx");
        FaultInjection alwaysFailing = new FaultInjection(7, 0, 0, 1.0, 0);
        CountingInterceptor calls = new CountingInterceptor();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withFaults(alwaysFailing))) {
            FunctionDeploy deploy = new FunctionDeploy(target -> new AwsClients(target, 8, AwsTimeouts.DEFAULT, List.of(calls)));
            assertThatThrownBy(() -> deploy.deploy(options(zip, cloud.endpoint().toString()), c -> {}))
                    .isInstanceOf(JavezeException.class)
                    .hasMessageContaining("deploy of hello: Lambda GetFunction failed after " + AwsClients.MAX_ATTEMPTS
                            + " attempts: 500 ServiceException")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(calls.attempts.get()).as("retried by the SDK only, not by a second layer").isEqualTo(AwsClients.MAX_ATTEMPTS);
        }
    }

    /** Counts HTTP attempts (each retry is one more). */
    static final class CountingInterceptor implements ExecutionInterceptor {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            attempts.incrementAndGet();
        }
    }

    @Test
    void anEndpointThatAcceptsButNeverAnswersFailsInSecondsNamingIt() throws Exception {
        Path zip = TestPackages.hello(dir, "silent");
        AwsTimeouts quick = new AwsTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(2), 256 * 1024);
        try (SilentEndpoint silent = new SilentEndpoint()) {
            FunctionDeploy deploy = new FunctionDeploy(target -> new AwsClients(target, 8, quick, List.of()));
            long start = System.nanoTime();
            assertThatThrownBy(() -> deploy.deploy(options(zip, silent.uri()), c -> {}))
                    .isInstanceOf(JavezeException.class)
                    .hasMessageContaining("Lambda GetFunction: no answer from " + silent.uri())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** Accepts every connection and never sends a byte. */
    static final class SilentEndpoint implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        SilentEndpoint() throws IOException {
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-endpoint");
            accept.setDaemon(true);
            accept.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }
}
