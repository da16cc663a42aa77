package io.javeze.cli.build;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "codegen", mixinStandardHelpOptions = true, description = "Compile the project: validate handlers, generate Lambda handlers, write .javeze/manifest.json.")
public final class CodegenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze codegen is not built yet");
    }
}
