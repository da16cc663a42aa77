package io.javeze.cli.function;

import io.javeze.config.JavezeException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy one Lambda function with every option of cargo lambda deploy.")
public final class FunctionDeployCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JavezeException("javeze function deploy is not built yet");
    }
}
