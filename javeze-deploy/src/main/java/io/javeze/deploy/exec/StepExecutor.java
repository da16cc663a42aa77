package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import io.javeze.deploy.plan.Plan;
import io.javeze.deploy.plan.Step;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs a plan's steps in dependency order, as many at once as the {@link ConcurrencyLimit} allows. On the first
 * failure it starts nothing new, lets running steps finish (each records what it created), and reports that one.
 */
public final class StepExecutor {
    public interface StepRunner {
        void run(Step step);
    }

    private record Outcome(Step step, Throwable error, Duration took) {}

    private final ExecutorService pool;
    private final ConcurrencyLimit limit;
    private final StepListener listener;

    public StepExecutor(ExecutorService pool, ConcurrencyLimit limit, StepListener listener) {
        this.pool = pool;
        this.limit = limit;
        this.listener = listener;
    }

    public void execute(Plan plan, StepRunner runner) {
        Map<String, Step> byKey = new HashMap<>();
        plan.steps().forEach(s -> byKey.put(s.key(), s));
        Map<String, Set<String>> waitingOn = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (Step s : plan.steps()) {
            Set<String> deps = Plan.resolve(s, byKey);
            waitingOn.put(s.key(), deps);
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s.key()));
        }
        Deque<Step> ready = new ArrayDeque<>();
        plan.steps().stream().filter(s -> waitingOn.get(s.key()).isEmpty()).forEach(ready::add);
        BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
        int running = 0;
        int finished = 0;
        int succeeded = 0;
        Outcome failure = null;
        while (finished < plan.steps().size()) {
            while (failure == null && !ready.isEmpty() && running < limit.current()) {
                Step step = ready.poll();
                running++;
                pool.execute(() -> {
                    long start = System.nanoTime();
                    listener.started(step);
                    try {
                        runner.run(step);
                        done.add(new Outcome(step, null, Duration.ofNanos(System.nanoTime() - start)));
                    } catch (Throwable t) {
                        done.add(new Outcome(step, t, Duration.ofNanos(System.nanoTime() - start)));
                    }
                });
            }
            if (running == 0) {
                if (failure != null) break;
                throw new IllegalStateException("plan has a dependency cycle among " + waitingOn.keySet());
            }
            Outcome outcome = take(done);
            running--;
            finished++;
            if (outcome.error() != null) {
                listener.failed(outcome.step(), outcome.error());
                if (failure == null) failure = outcome;
                continue;
            }
            succeeded++;
            listener.finished(outcome.step(), outcome.took());
            for (String d : dependents.getOrDefault(outcome.step().key(), List.of())) {
                Set<String> waits = waitingOn.get(d);
                waits.remove(outcome.step().key());
                if (waits.isEmpty()) ready.add(byKey.get(d));
            }
        }
        if (failure != null) {
            throw failed(failure, succeeded, plan.steps().size());
        }
    }

    private static Outcome take(BlockingQueue<Outcome> done) {
        try {
            return done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A one-line error naming the failed step; AWS errors (access denied, limits) are the user's to fix. */
    private static RuntimeException failed(Outcome o, int succeeded, int total) {
        Throwable e = o.error();
        String resume = " (" + succeeded + " of " + total + " changes made and recorded; run again to resume)";
        if (e instanceof JavezeException j) {
            return new JavezeException(o.step().action().describe() + ": " + j.getMessage() + resume, j);
        }
        if (e instanceof SdkException s) {
            return new JavezeException(o.step().action().describe() + ": " + AwsErrors.describe(s) + resume, s);
        }
        if (e instanceof RuntimeException r) return r;
        return new IllegalStateException(e);
    }
}
