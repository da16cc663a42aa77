package io.javeze.deploy.bench;

import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.packages.FreshPackages;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.LocalClients;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One {@code javeze deploy} of a project against a running local cloud, in a JVM of its own (started by
 * {@link ScaleBenchmark} with the CLI launcher's flags and a 256 MB heap), so that its start-up and its memory are
 * measured: prints one line, {@code result seconds-in-main calls writes steps chain-depth bytes-sent peak-rss-kb cpu-seconds}
 * (the CPU time of the whole process, every thread's: JIT compiler and GC included; on a shared machine it moves far less
 * with the load than the wall time). With {@code -Dbench.latencyMs=N} every call waits N ms on the client's side
 * ({@link ClientLatency}) and the time the endpoint took per operation is printed before the result.
 * Usage: {@code DeployProcess ENDPOINT PROJECT_DIR}.
 */
public final class DeployProcess {
    private DeployProcess() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        CallCounter counter = new CallCounter();
        UploadCounter uploads = new UploadCounter();
        CriticalPath path = new CriticalPath();
        ClientLatency latency = ClientLatency.fromProperty();
        DeployReport report;
        try (LocalClients local = latency == null ? new LocalClients(URI.create(args[0]), counter, uploads)
                : new LocalClients(URI.create(args[0]), counter, uploads, latency);
             Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, path, new FreshPackages.Settings(true, false, line -> {})))) {
            report = deployer.deploy(Path.of(args[1]), false);
        } finally {
            if (latency != null) latency.print();
        }
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
        System.out.printf(Locale.ROOT, "result %.3f %d %d %d %d %d %d %.2f%n", (System.nanoTime() - start) / 1e9, counter.all().size(),
                counter.writes().size(), report.plan().size(), path.depth(), uploads.takeBytes(), peakRssKb(), cpu);
    }

    /** The process's peak resident set (VmHWM), in KB. */
    static long peakRssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
