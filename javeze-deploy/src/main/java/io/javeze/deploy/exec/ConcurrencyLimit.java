package io.javeze.deploy.exec;

/**
 * How many steps may run at once: additive increase, multiplicative decrease. Throttling halves it (at most
 * once per {@link #COOL_DOWN_NANOS}), every run of successes earns one more slot back, up to the maximum.
 */
public final class ConcurrencyLimit {
    private static final long COOL_DOWN_NANOS = 1_000_000_000L;
    private final int max;
    private int limit;
    private int successes;
    private long lastDecrease;

    public ConcurrencyLimit(int max) {
        if (max < 1) throw new IllegalArgumentException("max concurrency must be at least 1");
        this.max = max;
        this.limit = max;
    }

    public synchronized int current() {
        return limit;
    }

    public synchronized void onThrottled() {
        long now = System.nanoTime();
        if (now - lastDecrease < COOL_DOWN_NANOS) return;
        lastDecrease = now;
        limit = Math.max(1, limit / 2);
        successes = 0;
    }

    public synchronized void onSuccess() {
        if (limit >= max) return;
        if (++successes >= limit) {
            limit++;
            successes = 0;
        }
    }
}
