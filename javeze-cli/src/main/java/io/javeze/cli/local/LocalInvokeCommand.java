package io.javeze.cli.local;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

@Command(name = "invoke", mixinStandardHelpOptions = true, description = "Invoke a function deployed to the local cloud and print its response.")
public final class LocalInvokeCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Parameters(paramLabel = "FUNCTION", description = "The Lambda function name (optionally name:alias).")
    String function;

    @Option(names = "--payload", paramLabel = "JSON", description = "The event, as JSON (default: {}).")
    String payload;

    @Option(names = "--payload-file", paramLabel = "FILE", description = "Read the event from this file.")
    Path payloadFile;

    @Option(names = "--log", description = "Also print the tail of the invocation's log to stderr.")
    boolean log;

    @Override
    public Integer call() {
        if (payload != null && payloadFile != null) {
            throw new JavezeException("--payload and --payload-file cannot be combined");
        }
        byte[] event;
        try {
            event = payloadFile != null ? Files.readAllBytes(payloadFile)
                    : (payload == null ? "{}" : payload).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JavezeException("--payload-file " + payloadFile + ": cannot read: " + e.getMessage());
        }
        try (var aws = RunningCloud.clients(data)) {
            var response = aws.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromByteArray(event))
                    .logType(log ? LogType.TAIL : LogType.NONE));
            if (log && response.logResult() != null) {
                System.err.print(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8));
            }
            System.out.println(response.payload().asUtf8String());
            if (response.functionError() != null) {
                throw new JavezeException("function " + function + " failed (" + response.functionError() + ")");
            }
            return 0;
        } catch (LambdaException e) {
            throw new JavezeException("invoke " + function + ": " + e.awsErrorDetails().errorMessage());
        }
    }
}
