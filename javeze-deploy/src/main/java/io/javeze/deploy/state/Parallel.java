package io.javeze.deploy.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs independent reads side by side on the deploy's pool. */
final class Parallel {
    private Parallel() {}

    static <T, R> List<R> map(ExecutorService pool, List<T> items, Function<T, R> read) {
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> read.apply(item), pool));
        }
        List<R> out = new ArrayList<>();
        for (CompletableFuture<R> f : futures) {
            out.add(join(f));
        }
        return out;
    }

    static <R> CompletableFuture<R> async(ExecutorService pool, Supplier<R> read) {
        return CompletableFuture.supplyAsync(read, pool);
    }

    static <R> R join(CompletableFuture<R> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
