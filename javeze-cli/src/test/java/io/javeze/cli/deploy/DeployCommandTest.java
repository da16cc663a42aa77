package io.javeze.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.fault.FaultInjection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code javeze deploy --local}, of the real hello-world example against an in-process
 * local cloud: the printed URL answers over HTTP, a second deploy changes nothing, remove takes it all away.
 */
class DeployCommandTest {

    @Test
    void deployPrintsUrlsThatAnswerThenRedeployIsUnchangedAndRemoveCleansUp(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")))) {
            String[] target = {"--project", project.toString(), "--local", "--endpoint-url", cloud.endpoint().toString()};

            CliRun plan = CliRun.of(concat(new String[] {"deploy", "--dry-run"}, target));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("create function hello-world-hello", "create route GET /hello/{word}");

            CliRun deploy = CliRun.of(concat(new String[] {"deploy"}, target));
            assertThat(deploy.exitCode()).as(deploy.err()).isZero();
            assertThat(deploy.out()).contains("🚀 Deployment complete!", "API Gateway ID: ", "Available endpoints:");
            String url = deploy.out().lines().filter(l -> l.contains("GET /hello/{word} -> ")).findFirst().orElseThrow()
                    .split(" -> ")[1].replace("{word}", "javeze");
            assertThat(Examples.get(url, cloud.endpoint(), Map.of())).isEqualTo("200 Hello, javeze!");

            CliRun again = CliRun.of(concat(new String[] {"deploy", "--output", "json"}, target));
            assertThat(again.exitCode()).as(again.err()).isZero();
            JsonNode report = ManifestStore.json().readTree(again.out());
            assertThat(report.get("functions")).singleElement()
                    .satisfies(f -> assertThat(f.get("action").asText()).isEqualTo("unchanged"));
            assertThat(report.get("endpoints").get(0).get("url").asText()).isEqualTo(url.replace("javeze", "{word}"));
            assertThat(ManifestStore.read(project).deployed().get("stages").get("prod").get("apiId").asText()).isEqualTo(report.get("apiId").asText());

            CliRun remove = CliRun.of(concat(new String[] {"remove"}, target));
            assertThat(remove.exitCode()).as(remove.err()).isZero();
            assertThat(Examples.get(url, cloud.endpoint(), Map.of())).startsWith("404");
        }
    }

    @Test
    void anEndpointWhereNothingListensIsAOneLineErrorBeforeAnyChange(@TempDir Path tmp) throws IOException {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));

        CliRun run = CliRun.of("deploy", "--project", project.toString(), "--local", "--endpoint-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: --endpoint-url:").doesNotContain("\n");
    }

    @Test
    void anEndpointThatAcceptsButNeverAnswersFailsInSecondsWithOneLineNamingIt(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread accept = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();

            CliRun run = CliRun.of("deploy", "--project", project.toString(), "--local", "--endpoint-url", endpoint);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("error: STS GetCallerIdentity: no answer from " + endpoint).doesNotContain("\n");
            for (Socket s : held) s.close();
        }
    }

    @Test
    void aServerErrorThatOutlastsRetriesIsExitOneNamingServiceAndOperation(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));
        FaultInjection alwaysFailing = new FaultInjection(3, 0, 0, 1.0, 0);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud"))
                .withFaults(alwaysFailing))) {
            CliRun run = CliRun.of("deploy", "--project", project.toString(), "--local", "--endpoint-url", cloud.endpoint().toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err().strip()).startsWith("error: STS GetCallerIdentity failed after 5 attempts: 500").doesNotContain("\n");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
