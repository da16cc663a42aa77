package io.javeze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands find javeze.toml in the nearest parent directory, as git finds .git. */
class ProjectDiscoveryTest {

    @Test
    void theNearestParentHoldingJavezeTomlIsTheProject(@TempDir Path tmp) throws Exception {
        Path outer = tmp.resolve("outer");
        Path inner = Files.createDirectories(outer.resolve("apps/inner/src/main/java"));
        Files.writeString(outer.resolve("javeze.toml"), "service_name = \"outer\"\n");
        Files.writeString(outer.resolve("apps/inner/javeze.toml"), "service_name = \"inner\"\n");

        assertThat(ProjectOption.find(inner)).isEqualTo(outer.resolve("apps/inner"));
        assertThat(ProjectOption.find(outer.resolve("apps"))).isEqualTo(outer);
        // through the CLI: codegen of a subdirectory works on the project root (whose pom.xml is missing here)
        CliRun run = CliRun.of("codegen", "--project", inner.toString());
        assertThat(run.err()).isEqualTo("error: " + outer.resolve("apps/inner/pom.xml") + ": not found; a javeze project is a Maven project"
                + System.lineSeparator());
    }

    @Test
    void noJavezeTomlUpToTheRootNamesTheStartingDirectory(@TempDir Path tmp) throws Exception {
        Path start = Files.createDirectories(tmp.resolve("a/b"));
        CliRun run = CliRun.of("deploy", "--project", start.toString(), "--local");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: no javeze.toml in " + start + " or any parent directory: run javeze inside a project, "
                + "pass --project DIR, or create one with `javeze new NAME`" + System.lineSeparator());
    }
}
