package io.javeze.cli.build;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true, description = "Build one reproducible Lambda package per function under .javeze/packages.")
public final class BuildCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze build is not built yet");
    }
}
