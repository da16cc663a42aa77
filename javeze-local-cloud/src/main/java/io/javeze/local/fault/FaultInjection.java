package io.javeze.local.fault;

/**
 * Latency and failures injected into AWS API calls, deterministic for a given seed.
 *
 * @param seed                 seeds the random choice of which calls fail
 * @param latencyMillis        added to every API call
 * @param throttleRate         share of calls (0..1) answered with the service's throttling error
 * @param failureRate          share of calls (0..1) answered with a 5xx internal error
 * @param conflictWindowMillis extra time after a function change during which other changes get 409
 */
public record FaultInjection(long seed, long latencyMillis, double throttleRate, double failureRate,
                             long conflictWindowMillis) {

    public FaultInjection {
        if (latencyMillis < 0 || conflictWindowMillis < 0) {
            throw new IllegalArgumentException("latency and conflict window must not be negative");
        }
        if (throttleRate < 0 || throttleRate > 1 || failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("throttle and failure rates must be between 0 and 1");
        }
    }

    public static FaultInjection none() {
        return new FaultInjection(0, 0, 0, 0, 0);
    }

    public boolean active() {
        return latencyMillis > 0 || throttleRate > 0 || failureRate > 0;
    }
}
