package io.javeze.cli.deploy;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy the whole application: functions, HTTP API, topics and queues.")
public final class DeployCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze deploy is not built yet");
    }
}
