package io.javeze.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.http.Json;
import io.javeze.local.store.DataDirLock;
import io.javeze.local.store.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local cloud as a background process, one per data directory. Commands that target the local cloud call
 * {@link #ensureRunning(Path, int)} and get its endpoint, starting it first when needed. Concurrent callers may each
 * start a process; the data directory's lock lets exactly one of them run, and every caller gets that one's endpoint.
 * A stale pid file is left for the new process to overwrite: deleting it could delete a concurrent winner's.
 */
public final class LocalCloudDaemon {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private LocalCloudDaemon() {}

    /** The running local cloud of this data directory, if its pid file names a live process that answers. */
    public static Optional<DaemonRecord> running(Path dataDir) {
        Optional<DaemonRecord> record = DaemonRecord.read(dataDir.toAbsolutePath());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(record.get().pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive || !healthy(record.get().endpoint(), dataDir)) {
            return Optional.empty();
        }
        return record;
    }

    /** The endpoint of this data directory's local cloud, started in the background on {@code port} if not running. */
    public static URI ensureRunning(Path dataDir, int port) {
        return ensureRunning(dataDir, port, List.of());
    }

    /** @param extraArgs more {@link LocalCloudMain} arguments, e.g. {@code --realistic-delays} */
    public static URI ensureRunning(Path dataDir, int port, List<String> extraArgs) {
        return ensureRunning(dataDir, port, extraArgs, System.getProperty("java.class.path"));
    }

    /**
     * @param classPath the class path the background process runs with: this JVM's own, except where it holds only a
     *                  launcher (inside Maven, the plugin passes its class realm's jars)
     */
    public static URI ensureRunning(Path dataDir, int port, List<String> extraArgs, String classPath) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<DaemonRecord> existing = running(dir);
        if (existing.isPresent()) {
            return existing.get().endpoint();
        }
        Path log = dir.resolve("local-cloud.log");
        try {
            PrivateFiles.createDirectories(dir);
            if (!Files.exists(log)) {
                PrivateFiles.createFile(log); // function output ends up here
            }
        } catch (IOException e) {
            throw new JavezeException(dir + ": cannot create the local cloud's data directory: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                LocalCloudMain.class.getName(), "--port", Integer.toString(port), "--data-dir", dir.toString()));
        cmd.addAll(extraArgs);
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new JavezeException("cannot start the local cloud: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            // a concurrent caller's cloud took the data directory's lock first: wait for that one instead
            if (!process.isAlive() && process.exitValue() != LocalCloudMain.DATA_DIR_IN_USE) {
                throw new JavezeException("the local cloud exited while starting (exit " + process.exitValue() + "); see " + log);
            }
            Optional<DaemonRecord> record = running(dir);
            if (record.isPresent()) {
                return record.get().endpoint();
            }
            if (!process.isAlive()) { // the winner may be a cloud without a pid file (embedded, in the foreground)
                Optional<URI> holder = DataDirLock.holderEndpoint(dir);
                if (holder.isPresent() && healthy(holder.get(), dir)) {
                    return holder.get();
                }
            }
            sleep(100);
        }
        process.destroy();
        throw new JavezeException("the local cloud did not start within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Stops this data directory's local cloud; false when none was running. */
    public static boolean stop(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Optional<DaemonRecord> record = DaemonRecord.read(dir);
        if (record.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(record.get().pid());
        boolean stopped = false;
        if (handle.isPresent() && handle.get().isAlive() && healthy(record.get().endpoint(), dir)) {
            handle.get().destroy();
            try {
                handle.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.get().destroyForcibly();
            }
            stopped = true;
        }
        DaemonRecord.delete(dir);
        return stopped;
    }

    /** Whether the endpoint is a javeze local cloud serving this data directory (not LocalStack or another one). */
    static boolean healthy(URI endpoint, Path dataDir) {
        return health(endpoint).map(h -> Path.of(h.path("dataDir").asText()).toAbsolutePath().normalize()
                .equals(dataDir.toAbsolutePath().normalize())).orElse(false);
    }

    /** How the running local cloud isolates functions, as its health endpoint reports it. */
    public static Optional<String> isolation(URI endpoint) {
        return health(endpoint).map(h -> h.path("isolation").asText(null));
    }

    private static Optional<JsonNode> health(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/_javeze/health").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() == 200 ? Optional.of(Json.MAPPER.readTree(c.getInputStream())) : Optional.empty();
            } finally {
                c.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static int defaultPort() {
        return LocalCloudOptions.DEFAULT_PORT;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JavezeException("interrupted while waiting for the local cloud to start");
        }
    }
}
