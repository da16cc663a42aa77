package io.javeze.aws;

import io.javeze.config.JavezeException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * javeze's own retries, for conditions AWS reports as ordinary errors but that end by themselves: Lambda's
 * "an update is in progress" conflict ({@link AwsErrors#isBusy}) and a role not yet assumable
 * ({@link AwsErrors#isRoleNotYetAssumable}). Throttling, 5xx and connection errors are the SDK's retry strategy's
 * job ({@link AwsClients#overrides}); nothing is retried by both.
 */
public final class AwsRetry {
    /** How long a Lambda function may stay busy with an earlier update before the change fails. */
    public static final Duration BUSY_LIMIT = Duration.ofMinutes(2);
    private static final long BASE_MILLIS = 100;
    private static final long CAP_MILLIS = 4_000;

    private AwsRetry() {}

    /** Runs {@code call}, again with capped, jittered exponential backoff while it fails with {@code condition}, up to {@code limit}. */
    public static <T> T retry(Supplier<T> call, Predicate<Throwable> condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!condition.test(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(backoff(attempt));
            }
        }
    }

    /** {@link #retry} while Lambda says another update of the function is in progress. */
    public static <T> T whileBusy(Supplier<T> call) {
        return retry(call, AwsErrors::isBusy, BUSY_LIMIT);
    }

    public static Duration backoff(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JavezeException("interrupted while waiting to retry an AWS call");
        }
    }
}
