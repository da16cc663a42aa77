package io.javeze.deploy.bench;

import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.plan.Plan;
import io.javeze.deploy.plan.Step;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The longest chain of plan steps each waiting for the one before (the dependency graph's depth, in steps): the
 * number of round trips no amount of parallelism saves, since each step is at least one AWS call.
 */
final class CriticalPath implements StepListener {
    private final Map<String, Step> steps = new HashMap<>();

    @Override
    public synchronized void finished(Step step, Duration took) {
        steps.put(step.key(), step);
    }

    synchronized int depth() {
        Map<String, Integer> memo = new HashMap<>();
        int deepest = 0;
        for (Step s : steps.values()) deepest = Math.max(deepest, depth(s, memo));
        return deepest;
    }

    private int depth(Step step, Map<String, Integer> memo) {
        Integer known = memo.get(step.key());
        if (known != null) return known;
        int below = 0;
        for (String d : Plan.resolve(step, steps)) below = Math.max(below, depth(steps.get(d), memo));
        memo.put(step.key(), below + 1);
        return below + 1;
    }
}
