package io.javeze.deploy.bench;

import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench/deploy/run.sh}: a 56-function app (50 routes, 1 auth handler, 5 subscribers) against the local cloud
 * with 50 ms latency on every AWS call and realistic Lambda state delays: javeze's cold deploy, no-op redeploy and
 * one-route change, then the same app deployed by a sequential AWS CLI loop.
 */
public final class DeployBenchmark {
    private DeployBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-deploy").toAbsolutePath();
        boolean skipCli = args.length > 1 && args[1].equals("--no-cli");
        Path project = Files.createDirectories(work.resolve("app"));
        BenchApp.write(project, "bench");
        long buildStart = System.nanoTime();
        new TestApp(project).build();
        System.out.printf(Locale.ROOT, "built %d packages in %.1f s, %,d bytes in .javeze/packages%n",
                ManifestStore.read(project).functions().size(), seconds(buildStart), packageBytes(project));

        LocalCloudOptions options = BenchCloud.options(work.resolve("cloud-" + System.nanoTime()));
        CallCounter counter = new CallCounter();
        UploadCounter uploads = new UploadCounter();
        StepTimes times = new StepTimes();
        try (LocalCloud cloud = LocalCloud.start(options); LocalClients local = new LocalClients(cloud.endpoint(), counter, uploads);
             Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, times, null))) {
            System.out.println("local cloud: 50 ms per call, realistic state delays, function pre-start "
                    + ("1".equals(System.getenv("BENCH_PRESTART")) ? "on" : "off") + "; load average " + BenchCloud.load());
            double cold = timed(counter, uploads, "cold deploy", () -> deployer.deploy(project, false));
            if (System.getenv("BENCH_STEPS") != null) times.printAndReset();
            timed(counter, uploads, "no-op redeploy", () -> deployer.deploy(project, false));
            BenchApp.route(project, 7, "v2");
            new TestApp(project).build();
            timed(counter, uploads, "one-route change", () -> deployer.deploy(project, false));
            if (skipCli) return;
            AwsCliLoop cli = new AwsCliLoop(cloud.endpoint(), work);
            long start = System.nanoTime();
            cli.deploy(project, ManifestStore.read(project), "cli");
            double loop = seconds(start);
            System.out.printf(Locale.ROOT, "%-18s %8.1f s  %4d AWS CLI commands%n", "AWS CLI loop", loop, cli.commands);
            System.out.printf(Locale.ROOT, "cold deploy speed-up vs AWS CLI loop: %.1fx%n", loop / cold);
        }
    }

    interface Deploy {
        DeployReport run();
    }

    private static double timed(CallCounter counter, UploadCounter uploads, String label, Deploy deploy) {
        counter.reset();
        uploads.takeBytes();
        long start = System.nanoTime();
        DeployReport report = deploy.run();
        double s = seconds(start);
        System.out.printf(Locale.ROOT, "%-18s %8.2f s  %4d API calls, %4d writes, %3d plan steps, %,d bytes sent%n", label, s,
                counter.all().size(), counter.writes().size(), report.plan().size(), uploads.takeBytes());
        return s;
    }

    private static long packageBytes(Path project) throws java.io.IOException {
        try (var files = Files.list(project.resolve(".javeze/packages"))) {
            return files.filter(f -> f.toString().endsWith(".zip")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
