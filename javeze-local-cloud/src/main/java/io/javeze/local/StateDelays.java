package io.javeze.local;

import java.time.Duration;

/**
 * How long Lambda functions stay {@code Pending} after creation and {@code InProgress} after an update,
 * and how long a new event source mapping stays {@code Creating}.
 */
public record StateDelays(long createMillis, long updateMillis) {

    public StateDelays {
        if (createMillis < 0 || updateMillis < 0) {
            throw new IllegalArgumentException("state delays must not be negative");
        }
    }

    /** Short delays so tests are fast but still see every state. */
    public static StateDelays fast() {
        return new StateDelays(60, 60);
    }

    /** Close to what AWS takes for small Java functions, for benchmarks. */
    public static StateDelays realistic() {
        return new StateDelays(Duration.ofSeconds(1).toMillis(), Duration.ofMillis(500).toMillis());
    }
}
