package io.javeze.function;

import io.javeze.config.JavezeException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Lambda's state machine: a new function is Pending until Active, an update InProgress until Successful, and no
 * other change is accepted meanwhile. Polls start fast (most transitions take well under a second) and back off.
 */
final class LambdaWaits {
    private static final WaiterOverrideConfiguration POLLING = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.exponentialDelayHalfJitter(Duration.ofMillis(100), Duration.ofSeconds(2)))
            .maxAttempts(1000)
            .waitTimeout(Duration.ofMinutes(15))
            .build();

    private LambdaWaits() {}

    static void active(LambdaClient lambda, String name) {
        try (var waiter = lambda.waiter()) {
            waiter.waitUntilFunctionActive(GetFunctionConfigurationRequest.builder().functionName(name).build(), POLLING);
        } catch (SdkClientException e) {
            throw failed(lambda, name, "did not become Active");
        }
    }

    static void updated(LambdaClient lambda, String name) {
        try (var waiter = lambda.waiter()) {
            waiter.waitUntilFunctionUpdated(GetFunctionConfigurationRequest.builder().functionName(name).build(), POLLING);
        } catch (SdkClientException e) {
            throw failed(lambda, name, "update did not succeed");
        }
    }

    /** Waits out a creation or update someone (or a previous run) left in progress. */
    static void settled(LambdaClient lambda, FunctionConfiguration current) {
        if ("Pending".equals(current.stateAsString())) {
            active(lambda, current.functionName());
        } else if ("InProgress".equals(current.lastUpdateStatusAsString())) {
            updated(lambda, current.functionName());
        }
    }

    private static JavezeException failed(LambdaClient lambda, String name, String what) {
        GetFunctionConfigurationResponse c = lambda.getFunctionConfiguration(r -> r.functionName(name));
        String reason = c.lastUpdateStatusReason() != null ? c.lastUpdateStatusReason() : c.stateReason();
        return new JavezeException("function " + name + ": " + what + " (State " + c.stateAsString()
                + ", LastUpdateStatus " + c.lastUpdateStatusAsString() + (reason != null ? ": " + reason : "") + ")");
    }
}
