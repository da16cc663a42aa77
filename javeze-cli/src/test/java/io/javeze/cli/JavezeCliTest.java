package io.javeze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavezeCliTest {

    @Test
    void versionPrintsTheVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("javeze 0.1.0");
    }

    @Test
    void topLevelHelpListsTheCommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: javeze", "codegen", "build", "deploy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codegen", "build", "deploy", "remove", "rollback", "local", "invoke", "new", "dev", "logs", "openapi"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: javeze " + command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy", "remove", "rollback", "invoke hello", "dev"})
    void aBadStageIsAOneLineErrorBeforeAnyAwsCall(String command, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("javeze.toml"), "service_name = \"shop\"\n");

        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--project", dir.toString(), "--stage", "2024", "--endpoint-url", "http://127.0.0.1:1"));
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("error: --stage must not be only digits (Lambda would read the alias \"2024\" as a version number)");
    }

    /** Start-up: arguments naming a command get only that command built, with the same options and usage text. */
    @ParameterizedTest
    @ValueSource(strings = {"build", "deploy", "function", "local"})
    void aNamedCommandIsBuiltAloneAndUnchanged(String command) {
        picocli.CommandLine alone = JavezeCli.commandLine(command, "--help");
        picocli.CommandLine all = new picocli.CommandLine(new JavezeCli());

        assertThat(alone.getSubcommands().keySet()).containsExactly(command);
        assertThat(alone.getSubcommands().get(command).getUsageMessage()).isEqualTo(all.getSubcommands().get(command).getUsageMessage());
        assertThat(JavezeCli.commandLine("help").getSubcommands().keySet()).containsAll(all.getSubcommands().keySet());
        assertThat(JavezeCli.commandLine("--version").getSubcommands().keySet()).containsAll(all.getSubcommands().keySet());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("build", "--no-such-flag");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-flag'");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        CliRun run = CliRun.of("build", "--output", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output", "yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codegen", "build"})
    void badTomlExitsOneWithTheLineNumberedMessageAndNoStackTrace(String command, @TempDir Path project) throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n\n[lambda]\nmemory_size = \"big\"\n");

        CliRun run = CliRun.of(command, "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: " + project.resolve("javeze.toml")
                + ":4: [lambda] memory_size must be an integer between 128 and 10240, got a string" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service = \"shop\"\n");

        CliRun run = CliRun.of("build", "--verbose", "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("io.javeze.config.JavezeException", "\tat ", "error: " + project.resolve("javeze.toml") + ":1: service is not a known key");
    }

    @Test
    void missingProjectFilesAreNamed(@TempDir Path project) throws Exception {
        CliRun noToml = CliRun.of("build", "--project", project.toString());
        assertThat(noToml.exitCode()).isEqualTo(1);
        assertThat(noToml.err()).startsWith("error: no javeze.toml in " + project + " or any parent directory");

        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        CliRun noPom = CliRun.of("codegen", "--project", project.toString());
        assertThat(noPom.exitCode()).isEqualTo(1);
        assertThat(noPom.err()).isEqualTo("error: " + project.resolve("pom.xml") + ": not found; a javeze project is a Maven project" + System.lineSeparator());
    }
}
