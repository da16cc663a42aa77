package io.javeze.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.build.PackageIndex;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javeze build} of the real hello-world example, processor included: needs javeze-runtime and
 * javeze-processor installed in the local repository (the reactor installs them before this module's tests).
 */
class ExampleBuildTest {

    @Test
    void helloWorldBuildsTheSameBytesFromTwoCheckoutsAndFollowsJavezeToml(@TempDir Path tmp) throws IOException {
        Path first = Examples.copy("hello-world", tmp.resolve("first"));
        Path second = Examples.copy("hello-world", tmp.resolve("elsewhere/second"));

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

        // Maven recompiles only changed sources, yet the manifest depends on javeze.toml too
        Path toml = second.resolve("javeze.toml");
        Files.writeString(toml, Files.readString(toml).replace("service_name = \"hello-world\"", "service_name = \"greeter\""));
        Files.setLastModifiedTime(toml, FileTime.from(Instant.now().plusSeconds(5)));

        CliRun codegen = CliRun.of("codegen", "--project", second.toString(), "--output", "json");

        assertThat(codegen.exitCode()).as(codegen.err()).isZero();
        JsonNode result = ManifestStore.json().readTree(codegen.out());
        assertThat(result.get("service").asText()).isEqualTo("greeter");
        assertThat(result.get("functions").toString()).isEqualTo("[\"hello\"]");
        assertThat(result.get("routes").toString()).isEqualTo("[\"GET /hello/{word}\"]");
        assertThat(ManifestStore.read(second).function("hello").lambdaName()).isEqualTo("greeter-hello");
    }

    @Test
    void authAndTopicExamplesBuildOnePackagePerFunction(@TempDir Path tmp) throws IOException {
        Path auth = Examples.copy("auth", tmp.resolve("auth"));
        Path topic = Examples.copy("topic", tmp.resolve("topic"));

        CliRun authRun = CliRun.of("build", "--project", auth.toString());
        CliRun topicRun = CliRun.of("build", "--project", topic.toString());

        assertThat(authRun.exitCode()).as(authRun.err()).isZero();
        assertThat(topicRun.exitCode()).as(topicRun.err()).isZero();
        assertThat(PackageIndex.read(auth)).containsOnlyKeys("bearer", "open", "secret");
        assertThat(PackageIndex.read(topic)).containsOnlyKeys("create", "on-user-event");
        assertThat(ManifestStore.read(auth).routes()).filteredOn(r -> r.path().equals("/private"))
                .extracting(r -> r.authorizer()).containsExactly("bearer");
        assertThat(ManifestStore.read(topic).topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("user-events");
            assertThat(t.publishers()).containsExactly("create");
            assertThat(t.subscribers()).extracting(sub -> sub.function()).containsExactly("on-user-event");
        });
        // issue 10: publishing needs the SDK's signer and HTTP client, not the SNS client: all a publishing function
        // loads at cold start, its zip and its dependency layer, stays within 2.5 MB (6.8 MiB with the SNS client)
        PackageIndex.Entry create = PackageIndex.read(topic).get("create");
        PackageIndex.Layer layer = PackageIndex.readLayers(topic).get(create.layer());
        assertThat(create.size() + layer.size()).as("create's zip and its layer, in bytes").isLessThanOrEqualTo(2_500_000);
        assertThat(layer.jars()).as("no SNS client or SDK core in the layer")
                .noneMatch(jar -> jar.startsWith("sns-") || jar.startsWith("sdk-core-") || jar.startsWith("regions-"));
    }
}
