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
 * other change is accepted meanwhile. Polls start fast (most transitions take a second or two) and back off.
 */
final class LambdaWaits {
    /** Every 100 ms for the first 2 s (where almost every transition ends), then every 0.5 s, then every second. */
    private static final BackoffStrategy QUICK_THEN_PATIENT =
            attempt -> Duration.ofMillis(attempt <= 20 ? 100 : attempt <= 40 ? 500 : 1000);
    private static final WaiterOverrideConfiguration POLLING = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(QUICK_THEN_PATIENT)
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

    /** Waits out a creation or update someone (or a previous run) left in progress; true if it had to wait. */
    static boolean settled(LambdaClient lambda, FunctionConfiguration current) {
        if ("Pending".equals(current.stateAsString())) {
            active(lambda, current.functionName());
            return true;
        }
        if ("InProgress".equals(current.lastUpdateStatusAsString())) {
            updated(lambda, current.functionName());
            return true;
        }
        return false;
    }

    private static JavezeException failed(LambdaClient lambda, String name, String what) {
        GetFunctionConfigurationResponse c = lambda.getFunctionConfiguration(r -> r.functionName(name));
        String reason = c.lastUpdateStatusReason() != null ? c.lastUpdateStatusReason() : c.stateReason();
        return new JavezeException("function " + name + ": " + what + " (State " + c.stateAsString()
                + ", LastUpdateStatus " + c.lastUpdateStatusAsString() + (reason != null ? ": " + reason : "") + ")");
    }
}
