package io.javeze.deploy.bench;

import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/deploy/noop-deploy.sh}'s AWS side: writes and builds the bench app with N functions under WORK/app, starts
 * the deploy benchmarks' local cloud ({@link BenchCloud}: 50 ms per call, realistic state delays), prints
 * {@code endpoint URL} and serves until its standard input closes, so that CLIs in other JVMs can deploy to it.
 * Usage: {@code BenchCloudServer WORK N}.
 */
public final class BenchCloudServer {
    private BenchCloudServer() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Path app = Files.createDirectories(work.resolve("app"));
        BenchApp.write(app, "noop" + args[1], Integer.parseInt(args[1]));
        new TestApp(app).build();
        try (LocalCloud cloud = LocalCloud.start(BenchCloud.options(work.resolve("cloud-" + System.nanoTime())))) {
            System.out.println("endpoint " + cloud.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the script closes our standard input
            }
        }
    }
}
