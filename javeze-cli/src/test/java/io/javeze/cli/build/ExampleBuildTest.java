package io.javeze.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.build.PackageIndex;
import io.javeze.cli.CliRun;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javeze build} of the real hello-world example, processor included: needs javeze-runtime and
 * javeze-processor installed in the local repository (the reactor installs them before this module's tests).
 */
class ExampleBuildTest {
    private static final Path HELLO_WORLD = Path.of("..", "examples", "hello-world").toAbsolutePath().normalize();

    @Test
    void helloWorldBuildsTheSameBytesFromTwoCheckouts(@TempDir Path tmp) throws IOException {
        Path first = copy(HELLO_WORLD, tmp.resolve("first"));
        Path second = copy(HELLO_WORLD, tmp.resolve("elsewhere/second"));

        CliRun run = CliRun.of("build", "--project", first.toString());
        CliRun again = CliRun.of("build", "--project", second.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(run.out()).contains("hello", "1 packages (1 built, 0 unchanged)");
        Map<String, PackageIndex.Entry> index = PackageIndex.read(first);
        assertThat(index).containsOnlyKeys("hello");
        assertThat(index.get("hello").size()).isLessThanOrEqualTo(2_000_000);
        assertThat(PackageIndex.read(second)).isEqualTo(index);
        assertThat(Files.readAllBytes(second.resolve(".javeze/packages/hello.zip")))
                .isEqualTo(Files.readAllBytes(first.resolve(".javeze/packages/hello.zip")));
        assertThat(again.out()).contains("\"codeSha256\" : \"" + index.get("hello").codeSha256() + "\"");
    }

    @Test
    void codegenAfterEditingOnlyJavezeTomlRegeneratesTheManifest(@TempDir Path tmp) throws IOException {
        Path app = copy(HELLO_WORLD, tmp.resolve("app"));
        assertThat(CliRun.of("build", "--project", app.toString()).exitCode()).isZero();
        assertThat(ManifestStore.read(app).function("hello").lambdaName()).isEqualTo("hello-world-hello");
        Path toml = app.resolve("javeze.toml");
        Files.writeString(toml, Files.readString(toml).replace("service_name = \"hello-world\"", "service_name = \"greeter\""));
        Files.setLastModifiedTime(toml, FileTime.from(Instant.now().plusSeconds(5)));

        CliRun run = CliRun.of("codegen", "--project", app.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = ManifestStore.json().readTree(run.out());
        assertThat(result.get("service").asText()).isEqualTo("greeter");
        assertThat(result.get("functions").toString()).isEqualTo("[\"hello\"]");
        assertThat(result.get("routes").toString()).isEqualTo("[\"GET /hello/{word}\"]");
        assertThat(ManifestStore.read(app).service()).isEqualTo("greeter");
        assertThat(ManifestStore.read(app).function("hello").lambdaName()).isEqualTo("greeter-hello");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target") || rel.startsWith(".javeze")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
