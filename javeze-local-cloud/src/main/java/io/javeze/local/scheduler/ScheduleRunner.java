package io.javeze.local.scheduler;

import io.javeze.config.schedule.ScheduleExpression;
import io.javeze.local.LocalAccount;
import io.javeze.local.exec.InvocationResult;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.lambda.LambdaInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Runs the schedules: a thread wakes at the next fire time of any enabled schedule (or after a change) and invokes each
 * due schedule's target as Scheduler does, after checking that Scheduler may assume the schedule's role and that the
 * role allows {@code lambda:InvokeFunction} on the target. The payload is the target's {@code Input} with Scheduler's
 * context attributes replaced. A rate schedule fires every period from its last change; a cron or at schedule at the
 * times its expression gives in its time zone. A run missed while the local cloud was stopped, or skipped over by
 * {@link #advance}, is not caught up (one run per wake-up). Scheduler's retries are not emulated: a failed run is
 * logged, and the function's own log shows its error.
 *
 * <p>{@link #advance(Duration)} is the test hook: it moves this runner's clock forward, runs what is due by then and
 * returns once those runs finished, so a test of {@code rate(1 minute)} takes as long as one invocation.
 */
public final class ScheduleRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScheduleRunner.class.getName());
    private static final long MAX_SLEEP_MILLIS = 60_000;

    /** One run of a schedule: what it was scheduled for and what happened. */
    public record Run(String schedule, Instant scheduledTime, Outcome outcome, String detail) {}

    public enum Outcome { INVOKED, FUNCTION_ERROR, REFUSED, FAILED }

    private record Due(String key, Schedule schedule, Instant time) {}

    /** When a schedule fires next, and the version of the schedule that was computed from. */
    private record Next(double modified, Instant time) {}

    private final RoleAuthorizer iam;
    private final LambdaInvoker invoker;
    private final String region;
    private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "javeze-schedule-run");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Next> next = new HashMap<>();
    private final Thread thread;
    private final Instant startedAt = Instant.now();
    private volatile SchedulerService schedules;
    private final java.util.concurrent.atomic.AtomicLong offsetMillis = new java.util.concurrent.atomic.AtomicLong();
    private boolean changed;
    private boolean closed;

    public ScheduleRunner(RoleAuthorizer iam, LambdaInvoker invoker, String region) {
        this.iam = iam;
        this.invoker = invoker;
        this.region = region;
        this.thread = new Thread(this::loop, "javeze-scheduler");
        this.thread.setDaemon(true);
    }

    /** Starts running the service's schedules. */
    public void start(SchedulerService service) {
        this.schedules = service;
        thread.start();
    }

    /** A schedule was created, changed or deleted: recompute. */
    public synchronized void changed() {
        changed = true;
        notifyAll();
    }

    /** The test hook: moves the clock forward by {@code by}, runs the schedules due by then and waits for those runs. */
    public List<Run> advance(Duration by) {
        List<Due> due;
        synchronized (this) {
            offsetMillis.addAndGet(by.toMillis());
            due = takeDue(now());
        }
        List<Future<Run>> started = due.stream().map(d -> runs.submit(() -> run(d))).toList();
        List<Run> out = new ArrayList<>();
        for (Future<Run> f : started) {
            try {
                out.add(f.get());
            } catch (Exception e) {
                throw new IllegalStateException("schedule run failed", e);
            }
        }
        return out;
    }

    private Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
    }

    /** The runner's clock (the real one plus what {@link #advance} added): the service stamps schedules with it. */
    public long currentTimeMillis() {
        return now().toEpochMilli();
    }

    private void loop() {
        while (true) {
            List<Due> due;
            synchronized (this) {
                if (closed) return;
                due = takeDue(now());
                if (due.isEmpty()) {
                    long wait = next.values().stream().filter(n -> n.time() != null).map(n -> n.time().toEpochMilli() - now().toEpochMilli())
                            .min(Long::compare).orElse(MAX_SLEEP_MILLIS);
                    if (!changed) {
                        try {
                            wait(Math.max(1, Math.min(wait, MAX_SLEEP_MILLIS)));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    changed = false;
                    continue;
                }
            }
            due.forEach(d -> runs.submit(() -> run(d)));
        }
    }

    /** The schedules due at {@code now}, each with the time it was due; their next times move past {@code now}. */
    private List<Due> takeDue(Instant now) {
        SchedulerService service = schedules;
        if (service == null) return List.of();
        Map<String, Schedule> all = service.snapshot();
        next.keySet().retainAll(all.keySet());
        List<Due> due = new ArrayList<>();
        for (Map.Entry<String, Schedule> e : all.entrySet()) {
            Schedule s = e.getValue();
            if (!s.enabled()) {
                next.remove(e.getKey());
                continue;
            }
            double modified = s.lastModificationDate();
            Next n = next.get(e.getKey());
            ScheduleExpression expression = ScheduleExpression.parse(s.scheduleExpression());
            ZoneId zone = s.scheduleExpressionTimezone() != null ? ZoneId.of(s.scheduleExpressionTimezone()) : ZoneOffset.UTC;
            Instant start = Instant.ofEpochMilli((long) (modified * 1000));
            if (n == null || n.modified() != modified) {
                // a schedule changed before this runner started fires from now on: missed runs are not caught up
                Instant from = start.isBefore(startedAt) ? startedAt : start;
                n = new Next(modified, expression.next(from, start, zone));
            }
            if (n.time() != null && !n.time().isAfter(now)) {
                due.add(new Due(e.getKey(), s, n.time()));
                n = new Next(modified, expression.next(now, start, zone));
            }
            next.put(e.getKey(), n); // a time of null: it never fires again (an at(...) that ran)
        }
        return due;
    }

    private Run run(Due due) {
        Schedule s = due.schedule();
        String name = s.name();
        String target = s.target().arn();
        String role = s.target().roleArn();
        String groupArn = "arn:aws:scheduler:" + region + ":" + LocalAccount.ID + ":schedule-group/" + s.groupName();
        String refusal = iam.refusal(role, "scheduler.amazonaws.com",
                Map.of("aws:sourceaccount", LocalAccount.ID, "aws:sourcearn", groupArn), "lambda:InvokeFunction", target);
        if (refusal != null) {
            LOG.warning("schedule " + name + " did not run at " + due.time() + ": " + refusal);
            return new Run(name, due.time(), Outcome.REFUSED, refusal);
        }
        String input = (s.target().input() == null ? "{}" : s.target().input())
                .replace("<aws.scheduler.schedule-arn>", s.arn())
                .replace("<aws.scheduler.scheduled-time>", due.time().toString())
                .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
                .replace("<aws.scheduler.attempt-number>", "1");
        try {
            InvocationResult result = invoker.invoke(target, null, null, input.getBytes(StandardCharsets.UTF_8));
            if (result.failed()) {
                String detail = new String(result.payload(), StandardCharsets.UTF_8);
                LOG.info("schedule " + name + " run at " + due.time() + " failed: " + detail);
                return new Run(name, due.time(), Outcome.FUNCTION_ERROR, detail);
            }
            return new Run(name, due.time(), Outcome.INVOKED, null);
        } catch (RuntimeException e) {
            LOG.warning("schedule " + name + " could not invoke " + target + ": " + e.getMessage());
            return new Run(name, due.time(), Outcome.FAILED, e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        runs.shutdownNow();
    }
}
