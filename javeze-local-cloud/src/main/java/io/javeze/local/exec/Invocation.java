package io.javeze.local.exec;

import java.util.concurrent.CompletableFuture;

/** One request handed to an instance; completed by the Runtime API, the timeout watchdog or the instance's exit. */
final class Invocation {

    /** @param errorType null on success, else the function error type (Lambda reports {@code Unhandled}) */
    record Outcome(byte[] payload, String errorType, boolean instanceLost) {}

    final String requestId;
    final byte[] payload;
    final long timeoutMillis;
    final String traceId;
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile long startedNanos;
    volatile long deadlineEpochMillis;
    volatile java.util.concurrent.Future<?> watchdog;

    Invocation(String requestId, byte[] payload, long timeoutMillis, String traceId) {
        this.requestId = requestId;
        this.payload = payload;
        this.timeoutMillis = timeoutMillis;
        this.traceId = traceId;
    }

    boolean complete(Outcome result) {
        boolean first = outcome.complete(result);
        java.util.concurrent.Future<?> timer = watchdog;
        if (first && timer != null) {
            timer.cancel(false);
        }
        return first;
    }
}
