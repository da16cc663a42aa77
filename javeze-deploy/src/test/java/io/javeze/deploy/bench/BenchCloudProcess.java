package io.javeze.deploy.bench;

import io.javeze.local.LocalCloud;
import io.javeze.local.daemon.LocalCloudMain;
import io.javeze.local.fault.FaultInjection;
import java.nio.file.Path;

/**
 * The bench's local cloud ({@link BenchCloud}: realistic state delays, no pre-start) in a process of its own, without
 * its own latency injection: {@link MotoBenchmark} adds the latency on the client's side, for moto alike. Runs until
 * terminated, as {@code javeze local start}'s daemon does. Usage: {@code BenchCloudProcess DATA_DIR PORT}.
 */
public final class BenchCloudProcess {
    private BenchCloudProcess() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        LocalCloud cloud = LocalCloud.start(BenchCloud.options(dataDir).withPort(Integer.parseInt(args[1])).withFaults(FaultInjection.none()));
        LocalCloudMain.runUntilTerminated(cloud, dataDir);
    }
}
