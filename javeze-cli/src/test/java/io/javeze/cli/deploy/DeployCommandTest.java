package io.javeze.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.io.IOException;
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

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
