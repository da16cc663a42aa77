package io.javeze.cli.local;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true, description = "Run the embedded local cloud: AWS-compatible APIs on 127.0.0.1.")
public final class LocalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze local is not built yet");
    }
}
