package io.javeze.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.cli.CliRun;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code javeze deploy --local}, of the real hello-world example against an in-process
 * local cloud: the printed URL answers over HTTP, a second deploy changes nothing, remove takes it all away.
 */
class DeployCommandTest {
    private static final Path HELLO_WORLD = Path.of("..", "examples", "hello-world").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void deployPrintsUrlsThatAnswerThenRedeployIsUnchangedAndRemoveCleansUp(@TempDir Path tmp) throws Exception {
        Path project = copy(HELLO_WORLD, tmp.resolve("hello"));
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
            assertThat(get(url, cloud)).isEqualTo("200 Hello, javeze!");

            CliRun again = CliRun.of(concat(new String[] {"deploy", "--output", "json"}, target));
            assertThat(again.exitCode()).as(again.err()).isZero();
            JsonNode report = ManifestStore.json().readTree(again.out());
            assertThat(report.get("functions")).singleElement()
                    .satisfies(f -> assertThat(f.get("action").asText()).isEqualTo("unchanged"));
            assertThat(report.get("endpoints").get(0).get("url").asText()).isEqualTo(url.replace("javeze", "{word}"));
            assertThat(ManifestStore.read(project).deployed().get("apiId").asText()).isEqualTo(report.get("apiId").asText());

            CliRun remove = CliRun.of(concat(new String[] {"remove"}, target));
            assertThat(remove.exitCode()).as(remove.err()).isZero();
            assertThat(get(url, cloud)).startsWith("404");
        }
    }

    @Test
    void anEndpointWhereNothingListensIsAOneLineErrorBeforeAnyChange(@TempDir Path tmp) throws IOException {
        Path project = copy(HELLO_WORLD, tmp.resolve("hello"));

        CliRun run = CliRun.of("deploy", "--project", project.toString(), "--local", "--endpoint-url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: --endpoint-url:").doesNotContain("\n");
    }

    /** Calls a printed URL; {@code *.localhost} names reach the loopback cloud with their Host header, as curl does. */
    private static String get(String url, LocalCloud cloud) throws Exception {
        URI printed = URI.create(url);
        URI loopback = new URI("http", null, "127.0.0.1", cloud.endpoint().getPort(), printed.getRawPath(), null, null);
        HttpRequest request = HttpRequest.newBuilder(loopback)
                .header("Host", printed.getHost() + ":" + printed.getPort()).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(f -> !from.relativize(f).toString().startsWith("target")
                            && !from.relativize(f).toString().startsWith(".javeze"))
                    .forEach(f -> {
                        try {
                            Path dest = to.resolve(from.relativize(f).toString());
                            if (Files.isDirectory(f)) Files.createDirectories(dest);
                            else Files.copy(f, dest);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return to;
    }
}
