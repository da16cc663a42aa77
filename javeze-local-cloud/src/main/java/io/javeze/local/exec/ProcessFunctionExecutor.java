package io.javeze.local.exec;

import io.javeze.local.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each function instance as its own process (a JVM with AWS's runtime interface client, or a custom
 * runtime's {@code bootstrap}) against a Runtime API served on loopback.
 */
public final class ProcessFunctionExecutor implements FunctionExecutor {

    /** Lambda gives init 10 s; a local machine may be slower, so init may also use the function's timeout. */
    private static final long MIN_INIT_LIMIT_MILLIS = 10_000;

    private final ExecutorSettings settings;
    private final FunctionLogSink logSink;
    private final CodeCache codeCache;
    private final Launcher launcher;
    private final RuntimeApiServer runtimeApi = new RuntimeApiServer();
    private final ScheduledExecutorService scheduler;
    private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();
    /**
     * Starts every process from one long-lived thread: the kernel ties a sandbox's {@code --die-with-parent} to the
     * thread that started it, and request threads come and go with the server's pools.
     */
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "javeze-spawner");
        t.setDaemon(true);
        return t;
    });
    /** Pre-starts run one at a time, each until its instance is initialized: a big deploy never starts all its JVMs at once. */
    private final ExecutorService prestarter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "javeze-prestart");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public ProcessFunctionExecutor(ExecutorSettings settings, FunctionLogSink logSink) {
        this.settings = settings;
        this.logSink = logSink;
        this.codeCache = new CodeCache(settings.workDir().resolve("code"));
        this.launcher = new Launcher(new JdkLocator(settings.environment(), JdkLocator.system().searchRoots()),
                settings.awsEndpoint(), settings.jvmFlags(), new ClassDataArchives(settings.workDir().resolve("cds")),
                Bubblewrap.probe(settings.isolation(), settings.environment()));
        ScheduledThreadPoolExecutor watchdogs = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "javeze-executor-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdogs.setRemoveOnCancelPolicy(true); // one timeout timer per invocation, nearly all cancelled
        this.scheduler = watchdogs;
        long reapEvery = Math.max(100, Math.min(5_000, settings.idleTimeout().toMillis() / 2));
        scheduler.scheduleWithFixedDelay(this::reapIdle, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    public InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId) {
        String id = requestId != null ? requestId : UUID.randomUUID().toString();
        long started = System.nanoTime();
        if (closed) {
            return failure(LambdaErrors.error("ServiceException", "the local cloud is shutting down"), "", started);
        }
        InstancePool pool = pools.compute(poolKey(function), (key, existing) -> {
            if (existing != null && existing.config.equals(function)) {
                return existing;
            }
            if (existing != null) {
                existing.close(); // the same version with other code or configuration: never reuse those instances
            }
            return new InstancePool(function, settings.maxInstancesPerFunction());
        });
        long timeoutMillis = function.timeoutSeconds() * 1000L;
        long initLimit = Math.max(MIN_INIT_LIMIT_MILLIS, timeoutMillis);
        InstancePool.Lease lease;
        try {
            lease = pool.acquire(initLimit + timeoutMillis,
                    () -> new FunctionInstance(function, logSink, scheduler, runtimeApi));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(LambdaErrors.error("ServiceException", "interrupted while waiting for an instance"), "", started);
        }
        if (lease == null) {
            return failure(LambdaErrors.throttled(function.functionName(), settings.maxInstancesPerFunction()), "", started);
        }
        FunctionInstance instance = lease.instance();
        try {
            if (lease.cold()) {
                byte[] launchError = launch(function, instance, id, initLimit);
                if (launchError != null) {
                    return failure(launchError, "", started);
                }
            }
            Invocation invocation = new Invocation(id, payload == null ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
                    timeoutMillis, traceId());
            instance.submit(invocation);
            Invocation.Outcome outcome = await(invocation, instance, initLimit + timeoutMillis + 5_000);
            long end = System.nanoTime();
            long durationNanos = invocation.startedNanos == 0 ? end - started : end - invocation.startedNanos;
            String tail = invocation.startedNanos == 0 ? "" : instance.finish(invocation, durationNanos);
            return new InvocationResult(outcome.payload(), outcome.errorType(), tail,
                    TimeUnit.NANOSECONDS.toMillis(durationNanos));
        } finally {
            pool.release(instance);
        }
    }

    @Override
    public void prestart(java.util.function.Supplier<FunctionRuntimeConfig> current) {
        if (!settings.prestart() || closed) {
            return;
        }
        try {
            prestarter.execute(() -> prestartNow(current.get()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void prestartNow(FunctionRuntimeConfig function) {
        // pre-starts only fill idle room: no more while twice one function's limit of instances lives (a few JVMs)
        if (function == null || closed
                || pools.values().stream().mapToInt(InstancePool::size).sum() >= 2 * settings.maxInstancesPerFunction()) {
            return;
        }
        InstancePool pool = pools.computeIfAbsent(poolKey(function), key -> new InstancePool(function, settings.maxInstancesPerFunction()));
        if (!pool.config.equals(function)) {
            return; // instances of other code or configuration: the next invocation replaces them
        }
        long initLimit = Math.max(MIN_INIT_LIMIT_MILLIS, function.timeoutSeconds() * 1000L);
        FunctionInstance instance = pool.prestart(() -> new FunctionInstance(function, logSink, scheduler, runtimeApi),
                fresh -> launch(function, fresh, UUID.randomUUID().toString(), initLimit) == null);
        if (instance != null) {
            try {
                instance.awaitInit(initLimit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private byte[] launch(FunctionRuntimeConfig function, FunctionInstance instance, String requestId, long initLimit) {
        try {
            Path taskRoot = codeCache.unpack(function.codeZip(), function.codeSha256());
            Path opt = function.layerZips().isEmpty() ? null : codeCache.unpackLayers(function.layerZips());
            int port = instance.openPort();
            Launcher.Launch launch = launcher.build(function, taskRoot, opt, port, instance.logStream(), requestId);
            Path logs = settings.workDir().resolve("output");
            PrivateFiles.createDirectories(logs);
            boolean records = launch.archive() != null && launch.archive().recording() != null;
            instance.start(this::spawn, launch.builder(), launch.wrapped(), records, logs.resolve(UUID.randomUUID() + ".log"), initLimit, exitCode -> {
                if (launch.archive() != null) {
                    launcher.archives().finish(launch.archive(), exitCode);
                }
            });
            return null;
        } catch (InvalidPackageException e) {
            instance.stop();
            return LambdaErrors.invalidPackage(e.getMessage());
        } catch (Launcher.LaunchException e) {
            instance.stop();
            return e.errorPayload;
        } catch (IOException e) {
            instance.stop();
            return LambdaErrors.error("Runtime.Unknown", "cannot start the runtime of " + function.functionName() + ": " + e.getMessage());
        }
    }

    private Process spawn(ProcessBuilder builder) throws IOException {
        try {
            return spawner.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the runtime");
        }
    }

    private static Invocation.Outcome await(Invocation invocation, FunctionInstance instance, long capMillis) {
        try {
            return invocation.outcome.get(capMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            instance.stop();
            invocation.complete(new Invocation.Outcome(LambdaErrors.timedOut(invocation.requestId,
                    instance.config().timeoutSeconds()), "Unhandled", true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance.stop();
            invocation.complete(new Invocation.Outcome(LambdaErrors.error("ServiceException", "interrupted"), "Unhandled", true));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return invocation.outcome.join();
    }

    private static InvocationResult failure(byte[] payload, String logTail, long startedNanos) {
        return new InvocationResult(payload, "Unhandled", logTail,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    @Override
    public Isolation isolation() {
        return launcher.isolation();
    }

    @Override
    public void evict(String functionArn) {
        pools.entrySet().removeIf(entry -> {
            boolean match = entry.getValue().config.functionArn().equals(functionArn);
            if (match) {
                entry.getValue().close();
            }
            return match;
        });
    }

    @Override
    public void evict(String functionArn, String version) {
        InstancePool pool = pools.remove(functionArn + ":" + version);
        if (pool != null) {
            pool.close();
        }
    }

    /** Instances currently alive (busy or idle) for a function, all versions. */
    public int instanceCount(String functionArn) {
        return pools.values().stream().filter(p -> p.config.functionArn().equals(functionArn))
                .mapToInt(InstancePool::size).sum();
    }

    @Override
    public void close() {
        closed = true;
        prestarter.shutdownNow(); // a pre-start under way either lands in its pool before the pools stop, or sees closed
        List<FunctionInstance> stopping = new ArrayList<>();
        pools.values().forEach(pool -> stopping.addAll(pool.stopAll()));
        pools.clear();
        long started = System.nanoTime();
        for (FunctionInstance instance : stopping) {
            // a JVM writing its class data archive gets longer: it is written once per function and layer
            long deadline = started + TimeUnit.MILLISECONDS.toNanos(instance.exitGraceMillis(InstancePool.GRACE_MILLIS));
            if (!instance.awaitExit(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))) {
                instance.stop(); // still running after the grace period
                instance.awaitExit(1_000);
            }
        }
        scheduler.shutdownNow();
        spawner.shutdown();
        runtimeApi.close();
    }

    private void reapIdle() {
        long cutoff = System.nanoTime() - settings.idleTimeout().toNanos();
        pools.values().forEach(pool -> pool.reap(cutoff));
    }

    private static String poolKey(FunctionRuntimeConfig function) {
        return function.functionArn() + ":" + function.version();
    }

    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(random)
                + ";Sampled=0";
    }
}
