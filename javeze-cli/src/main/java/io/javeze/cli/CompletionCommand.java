package io.javeze.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code javeze completion bash|zsh}: picocli's completion script for every command and option. The script is a bash
 * script; zsh runs it through {@code bashcompinit}, which the script loads itself when it sees zsh.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for javeze.",
            "bash: source <(javeze completion bash)   (or save it in /etc/bash_completion.d/javeze)",
            "zsh:  source <(javeze completion zsh)    (in ~/.zshrc; uses zsh's bashcompinit)"})
public final class CompletionCommand implements Callable<Integer> {
    public enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // one script serves both shells: picocli's starts with "autoload bashcompinit" when run by zsh
        spec.commandLine().getOut().print(AutoComplete.bash("javeze", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
