package io.javeze.local.lambda;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test seam: holds one function's lock in {@link LambdaStore} from another thread until closed. */
public final class LambdaLocks implements AutoCloseable {
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    private LambdaLocks(LambdaStore store, String function) {
        holder = new Thread(() -> store.update(function, fn -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "holds-" + function);
        holder.start();
    }

    /** Returns once the lock of {@code function} is held. */
    public static LambdaLocks hold(LambdaProvider lambda, String function) throws InterruptedException {
        return hold(lambda.store(), function);
    }

    static LambdaLocks hold(LambdaStore store, String function) throws InterruptedException {
        LambdaLocks locks = new LambdaLocks(store, function);
        if (!locks.held.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not take the lock of " + function);
        }
        return locks;
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        holder.join();
    }
}
