package io.javeze.deploy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS endpoint in a process of its own on 127.0.0.1 and a free port, its output in a log file; closing it stops
 * the process. Either a moto server ({@code moto_server}, or the command in {@code BENCH_MOTO_SERVER}) or the bench's
 * local cloud ({@link BenchCloudProcess}, with the flags {@code javeze local start} gives its daemon), so that both
 * are measured the same way: a fresh process each, its CPU read from the OS.
 */
public final class ServerProcess implements AutoCloseable {
    static final String MOTO_MISSING = "moto is not installed here (no working moto_server on PATH; pip install 'moto[server]'"
            + " or set BENCH_MOTO_SERVER)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final Process process;
    public final URI endpoint;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static ServerProcess moto(Path log) throws IOException, InterruptedException {
        int port = freePort();
        String command = System.getenv().getOrDefault("BENCH_MOTO_SERVER", "moto_server");
        ProcessBuilder builder = new ProcessBuilder(command, "-H", "127.0.0.1", "-p", String.valueOf(port));
        builder.environment().put("MOTO_PORT", String.valueOf(port)); // moto builds some URLs (SQS queues) from it
        // moto leaves AWS's managed policies out unless asked (loading them is slow); a deploy attaches
        // AWSLambdaBasicExecutionRole, as on AWS, where it always exists
        builder.environment().putIfAbsent("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        try {
            return start(builder, port, log);
        } catch (IOException e) {
            throw new IllegalStateException(MOTO_MISSING + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(MOTO_MISSING + ": " + e.getMessage(), e);
        }
    }

    /**
     * The local cloud as {@code javeze local start} runs it (serial GC, C1 only), with {@link BenchCloud}'s options;
     * {@code BENCH_CLOUD_JVM_ARGS} adds JVM flags (a flight recording, say).
     */
    static ServerProcess localCloud(Path dataDir, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String extra = System.getenv("BENCH_CLOUD_JVM_ARGS");
        if (extra != null && !extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCloudProcess.class.getName(), dataDir.toString(),
                String.valueOf(port)));
        return start(new ProcessBuilder(command), port, log);
    }

    private static ServerProcess start(ProcessBuilder builder, int port, Path log) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(builder.command().get(0) + " exited " + process.exitValue() + ", last output: " + lastLine(log));
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException(builder.command().get(0) + " did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** CPU time (user + system) the process and its children have used so far. */
    Duration cpu() {
        Duration total = process.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        return total;
    }

    long pid() {
        return process.pid();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
