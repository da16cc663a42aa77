package io.javeze.deploy.bench;

import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/deploy/scale.sh}: the bench app at several sizes (10, 56, 150 functions), each deployed to a fresh
 * local cloud with 50 ms latency on every AWS call and realistic Lambda state delays. Every deploy is a fresh JVM
 * ({@link DeployProcess}) with the CLI launcher's flags and {@code -Xmx256m}: cold deploy, no-op redeploy, one-route
 * change. Prints, per run, the wall time from launching the JVM to its exit, the calls, the peak RSS, and the physical
 * limit: the round trips no parallelism saves, times 50 ms, plus the settle window a created function needs.
 * Usage: {@code ScaleBenchmark WORK N [N...]}.
 */
public final class ScaleBenchmark {
    static final long LATENCY_MS = BenchCloud.LATENCY_MS;
    /** At most this many changes at once, as the CLI's default {@code --concurrency}. */
    static final int CONCURRENCY = 16;
    /**
     * Round trips every deploy makes one after the other whatever the plan: who am I (the lease's bucket is named by
     * the account), take the lease, list the functions, read each function (all at once), give the lease back.
     */
    static final int FIXED_ROUNDS = 5;
    /** {@code StateDelays.realistic()}: a created function is Pending this long, and the deploy waits for Active. */
    static final double CREATE_SETTLE_S = 1.0;

    /**
     * The class-data archive every deploy JVM maps, recorded by the first one (the first size's cold deploy, whose time
     * then includes writing it), as {@code bin/javeze} records one per command after a build; {@code BENCH_CDS=0}: none.
     */
    private static Path archive;

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        List<String> rows = new ArrayList<>();
        if (!"0".equals(System.getenv("BENCH_CDS"))) {
            archive = work.resolve("deploy-" + System.nanoTime() + ".jsa");
            System.out.println("class-data archive: recorded by the first deploy, mapped by every later one (BENCH_CDS=0: none)");
        }
        for (int i = 1; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            Path app = Files.createDirectories(work.resolve("app-" + n));
            BenchApp.write(app, "scale" + n, n);
            new TestApp(app).build();
            try (LocalCloud cloud = LocalCloud.start(BenchCloud.options(work.resolve("cloud-" + n + "-" + System.nanoTime())))) {
                String endpoint = cloud.endpoint().toString();
                rows.add(run(n, "cold deploy", endpoint, app));
                rows.add(run(n, "no-op redeploy", endpoint, app));
                BenchApp.route(app, 1, "v2");
                new TestApp(app).build();
                rows.add(run(n, "one-route change", endpoint, app));
            }
        }
        System.out.println();
        System.out.println("| functions | scenario | wall (fresh JVM) | in main() | CPU (user+sys) | physical limit | calls | writes | chain | peak RSS (-Xmx256m) | sent | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(int functions, String scenario, String endpoint, Path app) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m"));
        if (archive != null) {
            command.addAll(Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive)
                    : List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DeployProcess.class.getName(), endpoint, app.toString()));
        String load = BenchCloud.load();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("result ")) result = line;
                else System.out.println("  | " + line);
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (exit != 0 || result == null) throw new IllegalStateException(scenario + " of " + functions + " functions failed: exit " + exit);
        String[] r = result.split(" ");
        double main = Double.parseDouble(r[1]);
        int calls = Integer.parseInt(r[2]);
        int writes = Integer.parseInt(r[3]);
        int chain = Integer.parseInt(r[5]);
        long sent = Long.parseLong(r[6]);
        long rssKb = Long.parseLong(r[7]);
        double cpu = Double.parseDouble(r[8]);
        int rounds = FIXED_ROUNDS + Math.max(chain, (writes + CONCURRENCY - 1) / CONCURRENCY);
        double limit = rounds * LATENCY_MS / 1000.0 + (scenario.startsWith("cold") ? CREATE_SETTLE_S : 0);
        System.out.printf(Locale.ROOT, "%3d functions  %-17s %6.2f s wall (%5.2f s in main, %5.2f s CPU)  limit %5.2f s (%d rounds%s)  %4d calls %4d writes"
                        + "  chain %3d  peak RSS %4d MB  %,d B sent  load %s%n", functions, scenario, wall, main, cpu, limit, rounds,
                scenario.startsWith("cold") ? " + 1 s settle" : "", calls, writes, chain, rssKb / 1024, sent, load);
        return String.format(Locale.ROOT, "| %d | %s | %.2f s | %.2f s | %.2f s | %.2f s (%d rounds%s) | %d | %d | %d | %d MB | %,d B | %s |", functions,
                scenario, wall, main, cpu, limit, rounds, scenario.startsWith("cold") ? " + 1 s settle" : "", calls, writes, chain, rssKb / 1024,
                sent, load);
    }
}
