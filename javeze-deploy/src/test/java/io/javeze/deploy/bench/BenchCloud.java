package io.javeze.deploy.bench;

import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.ExecutorSettings;
import io.javeze.local.exec.ProcessFunctionExecutor;
import io.javeze.local.fault.FaultInjection;
import java.nio.file.Path;

/**
 * The deploy benchmarks' local cloud: 50 ms latency on every AWS call, realistic Lambda state delays, and no function
 * JVM pre-started after a deploy (an AWS emulator runs no code at deploy time either; the local cloud's pre-start would
 * start one JVM per deployed function during the runs that follow and take the CPU they measure).
 * {@code BENCH_PRESTART=1} turns pre-start back on.
 */
final class BenchCloud {
    static final long LATENCY_MS = 50;

    private BenchCloud() {}

    /** The 1-minute load average, to print beside each figure. */
    static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static LocalCloudOptions options(Path dataDir) {
        boolean prestart = "1".equals(System.getenv("BENCH_PRESTART"));
        return LocalCloudOptions.defaults().withPort(0).withDataDir(dataDir).withDelays(StateDelays.realistic())
                .withFaults(new FaultInjection(1, LATENCY_MS, 0, 0, 0))
                .withExecutor((endpoint, logs) -> new ProcessFunctionExecutor(
                        ExecutorSettings.defaults(dataDir.resolve("runtime"), endpoint).withPrestart(prestart), logs));
    }
}
