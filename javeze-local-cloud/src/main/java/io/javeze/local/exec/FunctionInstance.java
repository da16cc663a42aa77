package io.javeze.local.exec;

import io.javeze.local.store.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One execution environment: a process running a Lambda runtime against this instance's Runtime API port.
 * It serves one invocation at a time, as Lambda does.
 */
final class FunctionInstance implements RuntimeApiServer.Endpoint {

    static final int LOG_TAIL_BYTES = 4096;
    /** Writing a class data archive at exit takes seconds on a busy machine; killed sooner, it publishes nothing. */
    static final long RECORDING_GRACE_MILLIS = 30_000;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final FunctionRuntimeConfig config;
    private final String logStream;
    private final FunctionLogSink sink;
    private final ScheduledExecutorService scheduler;
    private final RuntimeApiServer api;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final StringBuilder invocationLog = new StringBuilder();
    private final Object logLock = new Object();

    private volatile Process process;
    /** The process is a sandbox that exits when the runtime inside does (and kills it if terminated itself). */
    private volatile boolean wrapped;
    /** The JVM writes a class data archive when it exits: a graceful stop waits longer. */
    private volatile boolean recordsArchive;
    private volatile int port = -1;
    private volatile Invocation current;
    private volatile boolean stopping;
    private volatile byte[] initError;
    private volatile Path outputFile;
    /** Classic I/O, not a channel: an interrupted invocation thread must not close it for the instance. */
    private RandomAccessFile output;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private volatile ScheduledFuture<?> drainTask;
    private volatile java.util.concurrent.CompletableFuture<Void> exitHandling;
    private volatile long launchedNanos;
    private volatile long initNanos = -1;
    private volatile boolean initReported;
    private volatile long idleSinceNanos = System.nanoTime();
    /** The processes whose peak resident memory is the instance's "Max Memory Used", found at the first REPORT. */
    private volatile List<ProcessHandle> runtimeProcesses;
    /** Open once the runtime asked for its first invocation (init done) or the process is gone. */
    private final java.util.concurrent.CountDownLatch initialized = new java.util.concurrent.CountDownLatch(1);

    FunctionInstance(FunctionRuntimeConfig config, FunctionLogSink sink, ScheduledExecutorService scheduler,
                     RuntimeApiServer api) {
        this.config = config;
        this.sink = sink;
        this.scheduler = scheduler;
        this.api = api;
        String hex = UUID.randomUUID().toString().replace("-", "");
        this.logStream = LocalDate.now(ZoneOffset.UTC).format(STREAM_DATE) + "/[" + config.version() + "]" + hex;
    }

    FunctionRuntimeConfig config() {
        return config;
    }

    String logStream() {
        return logStream;
    }

    /** Opens the Runtime API port; the launcher then needs it for {@code AWS_LAMBDA_RUNTIME_API}. */
    int openPort() {
        port = api.open(this);
        return port;
    }

    /** How a process is started (from which thread matters: see {@code ProcessFunctionExecutor}). */
    interface Starter {
        Process start(ProcessBuilder builder) throws IOException;
    }

    /**
     * The process writes stdout and stderr to {@code outputFile} (opened for append, so it can be truncated): unlike a
     * pipe, a file tells exactly what was written before the runtime posted its response.
     */
    void start(Starter starter, ProcessBuilder builder, boolean wrapped, boolean recordsArchive, Path outputFile,
               long initLimitMillis, java.util.function.IntConsumer onExit) throws IOException {
        this.outputFile = outputFile;
        this.wrapped = wrapped;
        this.recordsArchive = recordsArchive;
        Files.deleteIfExists(outputFile);
        PrivateFiles.createFile(outputFile);
        output = new RandomAccessFile(outputFile.toFile(), "rw");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        launchedNanos = System.nanoTime();
        Process started = starter.start(builder);
        process = started;
        drainTask = scheduler.scheduleWithFixedDelay(this::drainOutput, 50, 50, TimeUnit.MILLISECONDS);
        exitHandling = started.onExit().thenAccept(p -> {
            exited(p.exitValue());
            onExit.accept(p.exitValue());
        });
        scheduler.schedule(() -> {
            if (initNanos < 0 && !stopping) {
                Invocation waiting = pending.peek();
                if (waiting != null && waiting.complete(new Invocation.Outcome(LambdaErrors.error("Sandbox.Timedout",
                        "RequestId: " + waiting.requestId + " Error: init did not complete within "
                                + initLimitMillis / 1000 + " seconds"), "Unhandled", true))) {
                    stop();
                }
            }
        }, initLimitMillis, TimeUnit.MILLISECONDS);
    }

    void submit(Invocation invocation) {
        if (stopping || process == null || !process.isAlive()) {
            invocation.complete(new Invocation.Outcome(failurePayload(invocation.requestId, exitCode()), "Unhandled", true));
            return;
        }
        pending.add(invocation);
        if (stopping && pending.remove(invocation)) {
            // the process exited between the check and the add: nobody else will complete this invocation
            invocation.complete(new Invocation.Outcome(failurePayload(invocation.requestId, exitCode()), "Unhandled", true));
        }
    }

    boolean usable() {
        return !stopping && process != null && process.isAlive();
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    /** Init duration in milliseconds, reported once (on the first invocation's REPORT line). */
    double takeInitMillis() {
        if (initReported || initNanos < 0) {
            return -1;
        }
        initReported = true;
        return initNanos / 1e6;
    }

    /** Kills the process at once: a timed-out or broken instance. */
    void stop() {
        stopping = true;
        Process p = process;
        if (p != null && p.isAlive()) { // once it has exited its pid, and so its "descendants", may be another's
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        releasePort();
    }

    /**
     * Asks the runtime to exit (SIGTERM, so a JVM can write its class data archive), killing it after a grace period.
     * A sandbox is not signalled itself: it would kill the runtime at once; it exits when the runtime has.
     */
    void stopGracefully(long graceMillis) {
        stopping = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            if (!wrapped) {
                p.destroy();
            }
            scheduler.schedule(this::stop, exitGraceMillis(graceMillis), TimeUnit.MILLISECONDS);
        }
        releasePort();
    }

    /** How long a graceful stop waits before killing: longer while the JVM writes its class data archive. */
    long exitGraceMillis(long graceMillis) {
        return recordsArchive ? Math.max(graceMillis, RECORDING_GRACE_MILLIS) : graceMillis;
    }

    /** Waits until the process has exited and its exit was handled; false when it still runs after the wait. */
    boolean awaitExit(long millis) {
        java.util.concurrent.CompletableFuture<Void> handling = exitHandling;
        if (handling == null) {
            return true;
        }
        try {
            handling.get(Math.max(1, millis), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private void releasePort() {
        Process p = process;
        if (port > 0) {
            api.close(port);
        }
        if (p == null || !p.isAlive()) {
            closeOutput();
        }
    }

    private void closeOutput() {
        ScheduledFuture<?> task = drainTask;
        if (task != null) {
            task.cancel(false);
        }
        synchronized (logLock) {
            drainOutput();
            try {
                if (output != null) {
                    output.close();
                    output = null;
                }
                if (outputFile != null) {
                    Files.deleteIfExists(outputFile);
                }
            } catch (IOException ignored) {
                // a leftover log file in the work directory is harmless
            }
        }
    }

    // ---- Runtime API side ----

    @Override
    public Invocation next() throws InterruptedException {
        if (initNanos < 0) {
            initNanos = System.nanoTime() - launchedNanos;
            initialized.countDown();
        }
        while (!stopping) {
            Invocation invocation = pending.poll(1, TimeUnit.SECONDS);
            if (invocation == null || invocation.outcome.isDone()) {
                continue;
            }
            invocation.startedNanos = System.nanoTime();
            invocation.deadlineEpochMillis = System.currentTimeMillis() + invocation.timeoutMillis;
            current = invocation;
            log("START RequestId: " + invocation.requestId + " Version: " + config.version());
            invocation.watchdog = scheduler.schedule(() -> {
                if (invocation.complete(new Invocation.Outcome(
                        LambdaErrors.timedOut(invocation.requestId, config.timeoutSeconds()), "Unhandled", true))) {
                    stop();
                }
            }, invocation.timeoutMillis, TimeUnit.MILLISECONDS);
            if (invocation.outcome.isDone()) {
                invocation.watchdog.cancel(false); // answered before the timer was stored
            }
            return invocation;
        }
        return null;
    }

    @Override
    public void response(String requestId, byte[] body) {
        Invocation c = current;
        if (c != null && c.requestId.equals(requestId)) {
            c.complete(new Invocation.Outcome(body, null, false));
        }
    }

    @Override
    public void error(String requestId, String errorType, byte[] body) {
        Invocation c = current;
        if (c != null && c.requestId.equals(requestId)) {
            c.complete(new Invocation.Outcome(body, "Unhandled", false));
        }
    }

    @Override
    public void initError(String errorType, byte[] body) {
        initError = body;
        stopping = true; // the runtime exits after reporting; the sandbox is rebuilt on the next invoke
        Invocation waiting = pending.peek();
        if (waiting != null) {
            waiting.complete(new Invocation.Outcome(body, "Unhandled", true));
        }
    }

    /** Waits until init is done or the process has exited; false when neither happened within the wait. */
    boolean awaitInit(long millis) throws InterruptedException {
        return initialized.await(millis, TimeUnit.MILLISECONDS);
    }

    private void exited(int exitCode) {
        stopping = true;
        initialized.countDown();
        closeOutput();
        if (port > 0) {
            api.close(port);
        }
        Invocation c = current;
        if (c != null) {
            c.complete(new Invocation.Outcome(failurePayload(c.requestId, exitCode), "Unhandled", true));
        }
        for (Invocation waiting; (waiting = pending.poll()) != null; ) {
            waiting.complete(new Invocation.Outcome(failurePayload(waiting.requestId, exitCode), "Unhandled", true));
        }
    }

    private byte[] failurePayload(String requestId, int exitCode) {
        byte[] reported = initError;
        return reported != null ? reported : LambdaErrors.exited(requestId, exitCode);
    }

    private int exitCode() {
        Process p = process;
        return p != null && !p.isAlive() ? p.exitValue() : -1;
    }

    // ---- logs ----

    /**
     * Ends the invocation's log with Lambda's END and REPORT lines and returns its last 4 KB.
     * The function's output is read on another thread, so first let the pipe drain briefly.
     */
    String finish(Invocation invocation, long durationNanos) {
        synchronized (logLock) {
            drainOutput();
            flushPartialLine();
        }
        log("END RequestId: " + invocation.requestId);
        double initMillis = takeInitMillis();
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(invocation.requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationNanos / 1e6)).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(1, (long) Math.ceil(durationNanos / 1e6))).append(" ms")
                .append("\tMemory Size: ").append(config.memoryMb()).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb()).append(" MB");
        if (initMillis >= 0) {
            report.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initMillis)).append(" ms");
        }
        log(report.toString());
        current = null;
        synchronized (logLock) {
            String all = invocationLog.toString();
            invocationLog.setLength(0);
            return tail(all);
        }
    }

    static String tail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LOG_TAIL_BYTES) {
            return log;
        }
        int from = bytes.length - LOG_TAIL_BYTES;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++; // never start inside a UTF-8 sequence
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private long maxMemoryUsedMb() {
        List<ProcessHandle> measured = runtimeProcesses;
        if (measured == null) {
            Process p = process;
            if (p == null) {
                return 0;
            }
            // the runtime may be a descendant (inside a sandbox): the largest peak is the runtime's. Finding
            // descendants reads every process of the machine, so it is done once, when the runtime has answered.
            measured = wrapped ? Stream.concat(Stream.of(p.toHandle()), p.descendants()).toList() : List.of(p.toHandle());
            runtimeProcesses = measured;
        }
        long kb = measured.stream().mapToLong(FunctionInstance::peakResidentKb).max().orElse(0);
        return (kb + 1023) / 1024;
    }

    private static long peakResidentKb(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux or the process is gone: report nothing measured
        }
        return 0;
    }

    private void log(String line) {
        sink.append(config.functionName(), logStream, System.currentTimeMillis(), line);
        synchronized (logLock) {
            invocationLog.append(line).append('\n');
            if (invocationLog.length() > 4 * LOG_TAIL_BYTES) {
                invocationLog.delete(0, invocationLog.length() - 2 * LOG_TAIL_BYTES);
            }
        }
    }

    /** Moves what the process wrote since the last call into the log, line by line. */
    private void drainOutput() {
        synchronized (logLock) {
            RandomAccessFile file = output;
            if (file == null) {
                return;
            }
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = file.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b == '\n') {
                            flushPartialLine();
                        } else {
                            partialLine.write(b);
                            if (partialLine.size() >= 256 * 1024) {
                                flushPartialLine();
                            }
                        }
                    }
                }
                if (file.getFilePointer() > 8L * 1024 * 1024 && partialLine.size() == 0) {
                    file.setLength(0); // the process appends, so it continues at the new end
                    file.seek(0);
                }
            } catch (IOException ignored) {
                // the file is gone: the instance is stopping
            }
        }
    }

    private void flushPartialLine() {
        if (partialLine.size() > 0) {
            log(stripCr(partialLine.toString(StandardCharsets.UTF_8)));
            partialLine.reset();
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
