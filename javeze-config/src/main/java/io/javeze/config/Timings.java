package io.javeze.config;

import java.util.Locale;

/**
 * Phase timers for profiling a command, printed to stderr only when the environment variable {@code JAVEZE_TIMINGS}
 * is set: {@code timing deploy: state read  412 ms (1203 ms since start)}. Off, each mark costs one branch.
 */
public final class Timings {
    private static final boolean ON = System.getenv("JAVEZE_TIMINGS") != null;
    private final String what;
    private final long start = System.nanoTime();
    private long last = start;

    private Timings(String what) {
        this.what = what;
    }

    public static Timings start(String what) {
        return new Timings(what);
    }

    /** The time since the previous mark (or the start), under {@code phase}. */
    public synchronized void mark(String phase) {
        if (!ON) return;
        long now = System.nanoTime();
        System.err.printf(Locale.ROOT, "timing %s: %-32s %6d ms (%d ms since start)%n", what, phase, (now - last) / 1_000_000,
                (now - start) / 1_000_000);
        last = now;
    }
}
