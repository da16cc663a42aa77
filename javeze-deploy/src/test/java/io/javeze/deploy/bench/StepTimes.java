package io.javeze.deploy.bench;

import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.plan.Step;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Per action type: how many steps ran, their total and longest time, to see where a deploy spends it. */
final class StepTimes implements StepListener {
    private final Map<String, long[]> times = new TreeMap<>();

    @Override
    public synchronized void finished(Step step, Duration took) {
        long[] t = times.computeIfAbsent(step.action().getClass().getSimpleName(), k -> new long[3]);
        t[0]++;
        t[1] += took.toMillis();
        t[2] = Math.max(t[2], took.toMillis());
    }

    synchronized void printAndReset() {
        times.forEach((k, t) -> System.out.printf(Locale.ROOT, "    %-28s %4d steps  total %7d ms  max %6d ms%n", k, t[0], t[1], t[2]));
        times.clear();
    }
}
