package io.javeze.deploy.bench;

import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code bench/deploy/moto.sh}: the bench app's 56-function cold deploy against a fresh local cloud (realistic Lambda
 * state delays) and against a fresh moto server (none: moto's functions are Active at once), each in a process of its
 * own ({@link ServerProcess}) warmed by one read per service, both behind the same 50 ms per call, added on the
 * client's side ({@link ClientLatency}; the local cloud's own latency injection is off). Every deploy is a fresh JVM
 * ({@link DeployProcess}); the order alternates round by round. Prints per round the wall
 * time, calls, writes, the CPU the endpoint's process spent, and the ratio local/moto; then, per operation, how long
 * each endpoint took to answer. Usage: {@code MotoBenchmark WORK [ROUNDS (default 2)]}.
 */
public final class MotoBenchmark {
    private static final String LOCAL = "local cloud";
    private static final String MOTO = "moto";
    /** {@code BENCH_COLD_SERVERS=1}: no warm-up read per service before the timed deploy. */
    private static final boolean COLD_SERVERS = "1".equals(System.getenv("BENCH_COLD_SERVERS"));

    private MotoBenchmark() {}

    record Run(String target, int round, DeployLaunch.Result result, double serverCpu, String load) {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Files.createDirectories(work);
        try (ServerProcess probe = ServerProcess.moto(work.resolve("moto-probe.log"))) {
            System.out.println("moto answers at " + probe.endpoint + " (" + motoVersion() + ")");
        }
        Path app = Files.createDirectories(work.resolve("app"));
        BenchApp.write(app, "bench");
        new TestApp(app).build();
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String target : round % 2 == 1 ? List.of(LOCAL, MOTO) : List.of(MOTO, LOCAL)) {
                Run run = target.equals(LOCAL) ? local(work, app, round) : moto(work, app, round);
                Files.write(work.resolve("run-" + (target.equals(LOCAL) ? "local" : "moto") + "-" + round + ".txt"), run.result().output());
                print(run);
                runs.add(run);
            }
        }
        System.out.println();
        table(runs, rounds);
        System.out.println();
        operations(runs);
    }

    private static Run local(Path work, Path app, int round) throws Exception {
        Path data = work.resolve("cloud-" + round + "-" + System.nanoTime());
        try (ServerProcess cloud = ServerProcess.localCloud(data, work.resolve("local-" + round + ".log"))) {
            return deploy(LOCAL, round, cloud, app);
        }
    }

    private static Run moto(Path work, Path app, int round) throws Exception {
        try (ServerProcess moto = ServerProcess.moto(work.resolve("moto-" + round + ".log"))) {
            return deploy(MOTO, round, moto, app);
        }
    }

    private static Run deploy(String target, int round, ServerProcess server, Path app) throws Exception {
        if (!COLD_SERVERS) warmUp(server);
        String load = BenchCloud.load();
        double cpu = server.cpu().toNanos() / 1e9;
        DeployLaunch.Result result = DeployLaunch.run(server.endpoint.toString(), app, latencyFlag());
        return new Run(target, round, result, server.cpu().toNanos() / 1e9 - cpu, load);
    }

    /**
     * One read per service the deploy calls, before it is timed: moto imports a service's code on its first request
     * (1-4 s each on a loaded machine), the local cloud loads and compiles its classes; neither is what a deploy to a
     * running emulator waits for.
     */
    private static void warmUp(ServerProcess server) {
        try (LocalClients c = new LocalClients(server.endpoint)) {
            Clients a = c.clients;
            a.sts().getCallerIdentity();
            a.iam().listRoles();
            a.lambda().listFunctions();
            a.apiGateway().getApis(b -> {});
            a.sns().listTopics();
            a.sqs().listQueues();
            a.s3().listBuckets();
            a.logs().describeLogGroups();
            a.scheduler().listSchedules(b -> {});
        }
    }

    private static String latencyFlag() {
        return "-D" + ClientLatency.PROPERTY + "=" + BenchCloud.LATENCY_MS;
    }

    private static void print(Run run) {
        DeployLaunch.Result r = run.result();
        System.out.printf(Locale.ROOT, "round %d  %-11s %s  %6.2f s wall (%6.2f s in main)  %4d calls %4d writes  server CPU %5.2f s  load %s%n",
                run.round(), run.target(), r.ok() ? "ok    " : "FAILED", r.wall(), r.main(), r.calls(), r.writes(), run.serverCpu(), run.load());
        if (!r.ok()) System.out.println("  " + run.target() + " deploy failed: " + r.error());
    }

    private static void table(List<Run> runs, int rounds) {
        System.out.println("| round (first) | local cloud: wall / in main | moto: wall / in main | local / moto (wall) | calls local / moto | writes local / moto | server CPU local / moto | load at start |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double[] ratios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            Run l = find(runs, LOCAL, round);
            Run m = find(runs, MOTO, round);
            ratios[round - 1] = l.result().wall() / m.result().wall();
            System.out.printf(Locale.ROOT, "| %d (%s) | %.2f / %.2f s%s | %.2f / %.2f s%s | **%.2fx** | %d / %d | %d / %d | %.2f / %.2f s | %s / %s |%n",
                    round, round % 2 == 1 ? "local" : "moto", l.result().wall(), l.result().main(), l.result().ok() ? "" : " FAILED",
                    m.result().wall(), m.result().main(), m.result().ok() ? "" : " FAILED", ratios[round - 1],
                    l.result().calls(), m.result().calls(), l.result().writes(), m.result().writes(), l.serverCpu(), m.serverCpu(),
                    l.load(), m.load());
        }
        Arrays.sort(ratios);
        double median = rounds % 2 == 1 ? ratios[rounds / 2] : (ratios[rounds / 2 - 1] + ratios[rounds / 2]) / 2;
        System.out.printf(Locale.ROOT, "median local / moto: %.2fx (target <= 1.3x); moto deploys %s%n", median,
                runs.stream().filter(r -> r.target().equals(MOTO)).allMatch(r -> r.result().ok()) ? "all succeeded unchanged" : "FAILED (above)");
    }

    /** Per operation, over all rounds: attempts and mean time to answer, local cloud beside moto, the local cloud's most costly first. */
    private static void operations(List<Run> runs) {
        Map<String, Map<String, double[]>> byTarget = new LinkedHashMap<>();
        for (Run run : runs) {
            Map<String, double[]> ops = byTarget.computeIfAbsent(run.target(), k -> new LinkedHashMap<>());
            for (String line : run.result().output()) {
                if (!line.startsWith("op ")) continue;
                String[] w = line.trim().split(" +"); // op NAME N attempts MS ms total MEAN ms mean
                double[] t = ops.computeIfAbsent(w[1], k -> new double[2]);
                t[0] += Double.parseDouble(w[2]);
                t[1] += Double.parseDouble(w[4]);
            }
        }
        Map<String, double[]> local = byTarget.getOrDefault(LOCAL, Map.of());
        Map<String, double[]> moto = byTarget.getOrDefault(MOTO, Map.of());
        TreeSet<String> names = new TreeSet<>((a, b) -> {
            int c = Double.compare(local.getOrDefault(b, new double[2])[1], local.getOrDefault(a, new double[2])[1]);
            return c != 0 ? c : a.compareTo(b);
        });
        names.addAll(local.keySet());
        names.addAll(moto.keySet());
        System.out.println("| operation (all rounds, time to answer without the added 50 ms) | local: attempts, total, mean | moto: attempts, total, mean |");
        System.out.println("|---|---|---|");
        for (String op : names) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", op, cell(local.get(op)), cell(moto.get(op)));
        }
    }

    private static String cell(double[] t) {
        return t == null ? "-" : String.format(Locale.ROOT, "%.0f, %.1f s, %.1f ms", t[0], t[1] / 1000, t[1] / t[0]);
    }

    private static Run find(List<Run> runs, String target, int round) {
        return runs.stream().filter(r -> r.target().equals(target) && r.round() == round).findFirst().orElseThrow();
    }

    private static String motoVersion() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import moto; print('moto ' + moto.__version__)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "moto version unknown";
        } catch (Exception e) {
            return "moto version unknown";
        }
    }
}
