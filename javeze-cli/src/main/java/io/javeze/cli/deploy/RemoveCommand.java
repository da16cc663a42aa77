package io.javeze.cli.deploy;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete everything this service deployed.")
public final class RemoveCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze remove is not built yet");
    }
}
