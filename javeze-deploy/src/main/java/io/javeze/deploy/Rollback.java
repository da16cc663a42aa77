package io.javeze.deploy;

import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Moves a stage's aliases back to the versions an earlier deploy in its history served. */
final class Rollback {
    private final Clients clients;
    private final AwsCalls calls;
    private final ExecutorService pool;

    Rollback(Clients clients, AwsCalls calls, ExecutorService pool) {
        this.clients = clients;
        this.calls = calls;
        this.pool = pool;
    }

    DeployReport run(Path projectDir, String service, String stage, String account, String region, Integer to) {
        Path file = ManifestStore.path(projectDir);
        DeployedRecorder recorder = new DeployedRecorder(projectDir, ManifestStore.read(projectDir), stage, true);
        Deployed d = recorder.current();
        if (d.history().isEmpty() || (d.account() != null && (!account.equals(d.account()) || !region.equals(d.region())))) {
            throw new JavezeException(file + ": no deploy of stage " + stage + " to " + region + " is recorded; rollback needs the"
                    + " history a deploy from this project writes");
        }
        int serving = d.current() != null ? d.current() : d.history().get(d.history().size() - 1).id();
        Deployed.DeployRecord target = target(d, serving, to, stage, file);
        // every version must still exist before any alias moves: a half-done rollback would mix deploys
        Map<String, String> moves = new TreeMap<>();
        List<CompletableFuture<String>> current = new ArrayList<>();
        List<String> names = new ArrayList<>(target.versions().keySet());
        for (String fn : names) {
            String version = target.versions().get(fn);
            current.add(CompletableFuture.supplyAsync(() -> {
                try {
                    calls.call(() -> clients.lambda().getFunctionConfiguration(b -> b.functionName(fn).qualifier(version)));
                    return calls.call(() -> clients.lambda().getAlias(b -> b.functionName(fn).name(stage))).functionVersion();
                } catch (RuntimeException e) {
                    if (!AwsErrors.isNotFound(e)) throw e;
                    throw new JavezeException("cannot roll stage " + stage + " back to deploy " + target.id() + ": version " + version
                            + " of " + fn + " or its alias " + stage + " no longer exists (old versions are pruned, see keep_versions)");
                }
            }, pool));
        }
        for (int i = 0; i < names.size(); i++) {
            String now = join(current.get(i));
            String fn = names.get(i);
            if (!now.equals(target.versions().get(fn))) moves.put(fn, target.versions().get(fn));
        }
        List<CompletableFuture<Void>> updates = new ArrayList<>();
        moves.forEach((fn, version) -> updates.add(CompletableFuture.runAsync(() -> calls.run(() ->
                clients.lambda().updateAlias(b -> b.functionName(fn).name(stage).functionVersion(version))), pool)));
        updates.forEach(Rollback::join);
        recorder.replace(d.withHistory(target.id(), d.history()));
        List<String> plan = new ArrayList<>();
        moves.forEach((fn, version) -> plan.add("~ move alias " + fn + ":" + stage + " to version " + version));
        List<DeployReport.FunctionResult> functions = new ArrayList<>();
        target.versions().forEach((fn, version) -> functions.add(new DeployReport.FunctionResult(fn, fn,
                d.functions().getOrDefault(fn, fn + ":" + stage), moves.containsKey(fn) ? "rolled back to version " + version : "unchanged")));
        return new DeployReport(service, stage, region, account, false, plan, d.apiId(), d.apiUrl(), List.of(), functions);
    }

    private static Deployed.DeployRecord target(Deployed d, int serving, Integer to, String stage, Path file) {
        if (to != null) {
            return d.history().stream().filter(h -> h.id() == to).findFirst().orElseThrow(() -> new JavezeException(
                    "--to " + to + ": stage " + stage + " has no deploy " + to + " in " + file + "; recorded deploys: "
                            + d.history().stream().map(h -> h.id() + " (" + h.time() + ")").toList()));
        }
        return d.history().stream().filter(h -> h.id() < serving).reduce((a, b) -> b).orElseThrow(() -> new JavezeException(
                "stage " + stage + " serves deploy " + serving + ", the oldest one recorded in " + file + "; nothing to roll back to"));
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}
