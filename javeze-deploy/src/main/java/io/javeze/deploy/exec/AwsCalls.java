package io.javeze.deploy.exec;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Every AWS call of a deploy goes through here: throttling, 5xx, connection errors and Lambda's transient
 * "update in progress" conflicts are retried with capped exponential backoff and full jitter (on top of the SDK's
 * own retries), and throttling lowers the deploy's concurrency.
 */
public final class AwsCalls {
    static final int MAX_ATTEMPTS = 10;
    private static final long BASE_MILLIS = 100;
    private static final long CAP_MILLIS = 5_000;

    private final ConcurrencyLimit limit;

    public AwsCalls(ConcurrencyLimit limit) {
        this.limit = limit;
    }

    public <T> T call(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = operation.get();
                limit.onSuccess();
                return result;
            } catch (SdkException e) {
                if (isThrottling(e)) limit.onThrottled();
                if (attempt >= MAX_ATTEMPTS || !isTransient(e)) throw e;
                sleep(backoff(attempt));
            }
        }
    }

    public void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    static Duration backoff(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static boolean isThrottling(SdkException e) {
        return e instanceof SdkServiceException s && (s.isThrottlingException() || s.statusCode() == 429);
    }

    public static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException) return true;
        if (!(e instanceof SdkServiceException s)) return false;
        return isThrottling(e) || s.statusCode() >= 500 || isLambdaBusy(s);
    }

    /** Lambda's 409 while another update of the function is in progress (not "already exists"). */
    public static boolean isLambdaBusy(SdkServiceException e) {
        if (!(e instanceof software.amazon.awssdk.services.lambda.model.ResourceConflictException)) return false;
        String m = String.valueOf(e.getMessage()).toLowerCase();
        return !m.contains("already exist");
    }

    public static boolean isNotFound(SdkException e) {
        return e instanceof SdkServiceException s && s.statusCode() == 404;
    }
}
