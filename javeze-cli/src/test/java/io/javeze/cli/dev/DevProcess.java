package io.javeze.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code javeze dev} as the user runs it: its own JVM (this test's class path), its output collected line by line. */
final class DevProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    DevProcess(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.javeze.cli.JavezeCli", "dev"));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line; returns it. */
    String await(Predicate<String> line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lines) {
            while (true) {
                for (String l : lines) {
                    if (line.test(l)) return l;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("no such line within %s; javeze dev printed:%n%s", limit, output()).isPositive();
                assertThat(process.isAlive()).as("javeze dev exited; it printed:%n%s", output()).isTrue();
                lines.wait(Math.min(left, 500));
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long count(Predicate<String> line) {
        synchronized (lines) {
            return lines.stream().filter(line).count();
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /** SIGTERM, as Ctrl-C: the watcher stops, the local cloud is left alone. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        reader.join(30_000); // the last lines it printed (it ends at the end of the output)
    }
}
