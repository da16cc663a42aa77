package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsRetry;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every AWS call of a deploy goes through here. Throttling, 5xx and connection errors are retried once, by the SDK's
 * retry strategy ({@link io.javeze.aws.AwsClients#overrides}); this adds only what the SDK does not know is
 * transient, Lambda's "update in progress" conflict ({@link AwsRetry#whileBusy}), and lowers the deploy's
 * concurrency when throttling outlasts the SDK's retries.
 */
public final class AwsCalls {
    private final ConcurrencyLimit limit;

    public AwsCalls(ConcurrencyLimit limit) {
        this.limit = limit;
    }

    public <T> T call(Supplier<T> operation) {
        try {
            T result = AwsRetry.whileBusy(operation);
            limit.onSuccess();
            return result;
        } catch (SdkException e) {
            if (AwsErrors.isThrottling(e)) limit.onThrottled();
            throw e;
        }
    }

    public void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /** A deletion: a thing that is already gone counts as deleted (an earlier, interrupted run may have got to it). */
    public void delete(Runnable operation) {
        try {
            run(operation);
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
        }
    }
}
