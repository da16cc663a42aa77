package io.javeze.local.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The instances of one function version: warm ones reused most-recent first, new ones up to a limit. */
final class InstancePool {

    record Lease(FunctionInstance instance, boolean cold) {}

    /** How long a stopping JVM may take to exit (and write its class data archive) before it is killed. */
    static final long GRACE_MILLIS = 3_000;

    final FunctionRuntimeConfig config;
    private final int maxInstances;
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final Set<FunctionInstance> all = new HashSet<>();
    private boolean closed;

    InstancePool(FunctionRuntimeConfig config, int maxInstances) {
        this.config = config;
        this.maxInstances = maxInstances;
    }

    /** @return a warm or new instance, or null when every instance stayed busy until {@code waitMillis} passed */
    synchronized Lease acquire(long waitMillis, Supplier<FunctionInstance> factory) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            while (!idle.isEmpty()) {
                FunctionInstance warm = idle.pollFirst();
                if (warm.usable()) {
                    return new Lease(warm, false);
                }
                all.remove(warm);
            }
            if (closed || all.size() < maxInstances) {
                FunctionInstance fresh = factory.get();
                if (!closed) {
                    all.add(fresh);
                }
                return new Lease(fresh, true);
            }
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                return null;
            }
            wait(remaining);
        }
    }

    /**
     * A pre-start: a new instance, launched and made idle while holding the pool, so a request arriving meanwhile waits
     * the moment it takes to spawn the process and then takes this instance instead of starting another.
     *
     * @param launch starts the instance's process; false when it could not
     * @return the instance, or null when the pool already has one, is closed or the launch failed
     */
    synchronized FunctionInstance prestart(Supplier<FunctionInstance> factory, java.util.function.Predicate<FunctionInstance> launch) {
        if (closed || !all.isEmpty()) {
            return null;
        }
        FunctionInstance fresh = factory.get();
        if (!launch.test(fresh)) {
            return null;
        }
        all.add(fresh);
        fresh.markIdle();
        idle.addFirst(fresh);
        notify();
        return fresh;
    }

    synchronized void release(FunctionInstance instance) {
        if (closed || !instance.usable()) {
            all.remove(instance);
            if (instance.usable()) {
                instance.stopGracefully(GRACE_MILLIS);
            } else {
                instance.stop();
            }
            notifyAll(); // room for a new instance: every waiter re-checks
        } else {
            instance.markIdle();
            idle.addFirst(instance);
            notify(); // one instance freed, one waiter can take it (waking all would stampede under load)
        }
    }

    /** Stops the instances idle since before {@code cutoffNanos}; returns true when the pool is empty. */
    synchronized boolean reap(long cutoffNanos) {
        List<FunctionInstance> expired = new ArrayList<>();
        idle.removeIf(i -> {
            boolean old = i.idleSinceNanos() - cutoffNanos < 0 || !i.usable();
            if (old) {
                expired.add(i);
            }
            return old;
        });
        expired.forEach(i -> {
            all.remove(i);
            i.stopGracefully(GRACE_MILLIS);
        });
        return all.isEmpty();
    }

    /** Stops idle instances now and busy ones when they finish. */
    synchronized void close() {
        closed = true;
        idle.forEach(i -> i.stopGracefully(GRACE_MILLIS));
        all.removeAll(idle);
        idle.clear();
        notifyAll();
    }

    /** Asks every instance to stop, busy ones too; returns them so the caller can wait for their exit. */
    synchronized List<FunctionInstance> stopAll() {
        List<FunctionInstance> stopping = new ArrayList<>(all); // idle and busy: the caller waits for all of them
        close(); // stops the idle ones
        all.forEach(i -> i.stopGracefully(GRACE_MILLIS)); // the busy ones
        all.clear();
        return stopping;
    }

    synchronized int size() {
        return all.size();
    }
}
