package io.javeze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CompletionAndOptionNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void completionPrintsAScriptCoveringTheCommandsAndTheirOptions(String shell) {
        CliRun run = CliRun.of("completion", shell);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_javeze", "function _picocli_javeze_function_deploy",
                "--output-format", "--dry-run");
        // zsh loads bash's completion API itself before the first complete call
        assertThat(run.out()).contains("autoload -U +X bashcompinit && bashcompinit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fish", ""})
    void anUnsupportedShellIsAUsageError(String shell) {
        CliRun run = CliRun.of("completion", shell);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bash", "zsh");
    }

    /** One option, three names, on every command that prints a result. */
    @ParameterizedTest
    @CsvSource({"build,-o", "build,--output", "build,--output-format", "deploy,-o", "deploy,--output", "deploy,--output-format",
        "remove,-o", "remove,--output", "remove,--output-format", "function deploy,-o", "function deploy,--output",
        "function deploy,--output-format", "rollback,-o", "rollback,--output", "rollback,--output-format"})
    void everyOutputAliasSetsTheSameOption(String command, String alias) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of(alias, "json"));

        ParseResult result = new CommandLine(new JavezeCli()).parseArgs(args.toArray(String[]::new));
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }

        assertThat(result.matchedOption("--output")).isNotNull();
        assertThat(result.matchedOption("--output").getValue().toString()).isEqualTo("json");
    }
}
