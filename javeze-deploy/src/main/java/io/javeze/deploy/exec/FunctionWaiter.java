package io.javeze.deploy.exec;

import io.javeze.config.JavezeException;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lambda's state machine: a new function is Pending before Active, an updated one InProgress before Successful,
 * and any change meanwhile is a ResourceConflictException. Polls GetFunctionConfiguration with backoff (reads only)
 * until the function can take the next change.
 */
public final class FunctionWaiter {
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private final LambdaClient lambda;
    private final AwsCalls calls;

    public FunctionWaiter(LambdaClient lambda, AwsCalls calls) {
        this.lambda = lambda;
        this.calls = calls;
    }

    public void awaitReady(String functionName) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long sleep = 50;
        while (true) {
            GetFunctionConfigurationResponse c;
            try {
                c = calls.call(() -> lambda.getFunctionConfiguration(b -> b.functionName(functionName)));
            } catch (ResourceNotFoundException e) {
                return;
            }
            String state = c.stateAsString();
            String update = c.lastUpdateStatusAsString();
            if ("Failed".equals(state)) {
                throw new JavezeException("function " + functionName + " failed to become active: " + c.stateReason());
            }
            if ("Failed".equals(update) && !"Pending".equals(state)) {
                // a failed earlier update leaves the function usable; the next update replaces it
                return;
            }
            boolean pending = "Pending".equals(state) || "InProgress".equals(update);
            if (!pending) return;
            if (System.nanoTime() > deadline) {
                throw new JavezeException("function " + functionName + " is still " + state + "/" + update + " after " + LIMIT.toMinutes() + " minutes");
            }
            AwsCalls.sleep(Duration.ofMillis(sleep));
            sleep = Math.min(1_000, sleep * 3 / 2);
        }
    }
}
