package io.javeze.deploy.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A moto server ({@code moto_server}, or the command in {@code BENCH_MOTO_SERVER}) on 127.0.0.1 and a free port, its
 * output in a log file; closing it stops the process. moto is not a dependency of the build: where it is not
 * installed, {@link #start} fails with {@link #MISSING}.
 */
final class MotoServer implements AutoCloseable {
    static final String MISSING = "moto is not installed here (no working moto_server on PATH; pip install 'moto[server]'"
            + " or set BENCH_MOTO_SERVER)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private final Process process;
    final URI endpoint;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    static MotoServer start(Path log) throws IOException, InterruptedException {
        int port = freePort();
        String command = System.getenv().getOrDefault("BENCH_MOTO_SERVER", "moto_server");
        ProcessBuilder builder = new ProcessBuilder(command, "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MOTO_PORT", String.valueOf(port)); // moto builds some URLs (SQS queues) from it
        // moto leaves AWS's managed policies out unless asked (their loading is slow); a deploy attaches
        // AWSLambdaBasicExecutionRole, as on AWS, where it always exists
        builder.environment().putIfAbsent("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(MISSING + ": " + e.getMessage(), e);
        }
        MotoServer server = new MotoServer(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.answers()) {
            if (!process.isAlive()) throw new IllegalStateException(MISSING + ": " + command + " exited " + process.exitValue()
                    + ", last output: " + lastLine(log));
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException(command + " did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** CPU time (user + system) moto's process and its children have used so far. */
    Duration cpu() {
        Duration total = process.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        return total;
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
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
