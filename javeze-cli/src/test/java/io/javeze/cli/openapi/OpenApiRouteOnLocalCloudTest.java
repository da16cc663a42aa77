package io.javeze.cli.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [http] openapi = true}: the deployed hello-world answers {@code GET /openapi.json} over HTTP with the same
 * document as {@code javeze openapi}; without the key the route is gone again (404 from the gateway).
 */
class OpenApiRouteOnLocalCloudTest {

    @Test
    void servedWhenEnabledAndGoneWhenNot(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));
        Path toml = project.resolve("javeze.toml");
        String plain = Files.readString(toml);
        Files.writeString(toml, plain + "\n[http]\nopenapi = true\n");
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")))) {
            String[] deploy = {"deploy", "--project", project.toString(), "--local", "--endpoint-url", cloud.endpoint().toString()};
            CliRun first = CliRun.of(deploy);
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).contains("GET /openapi.json -> ");
            String url = first.out().lines().filter(l -> l.contains("GET /openapi.json -> ")).findFirst().orElseThrow().split(" -> ")[1];

            String answer = Examples.get(url, cloud.endpoint(), Map.of());
            assertThat(answer).startsWith("200 ");
            var served = ManifestStore.json().readTree(answer.substring(4));
            assertThat(served.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(served.get("paths").get("/hello/{word}").get("get").get("parameters").get(0).get("name").asText()).isEqualTo("word");
            CliRun cli = CliRun.of("openapi", "--project", project.toString());
            assertThat(ManifestStore.json().readTree(cli.out())).isEqualTo(served);

            Files.writeString(toml, plain);
            CliRun second = CliRun.of(deploy);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("delete route GET /openapi.json").doesNotContain("GET /openapi.json -> ");
            assertThat(Examples.get(url, cloud.endpoint(), Map.of())).startsWith("404");
        }
    }
}
