package io.javeze.deploy;

import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.ActionRunner;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.exec.CodeSource;
import io.javeze.deploy.exec.ConcurrencyLimit;
import io.javeze.deploy.exec.DeployContext;
import io.javeze.deploy.exec.StepExecutor;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.model.ApiTarget;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.DesiredAppBuilder;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.packages.FreshPackages;
import io.javeze.deploy.packages.Packages;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.plan.Differ;
import io.javeze.deploy.plan.Plan;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import io.javeze.deploy.state.ActualApp;
import io.javeze.deploy.state.StateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code javeze deploy} and {@code javeze remove}: read what should exist and what does, plan the difference,
 * execute it. Everything a deploy needs is checked before its first change.
 */
public final class Deployer implements AutoCloseable {

    /**
     * @param concurrency at most this many AWS changes at once (throttling lowers it for a while)
     * @param listener    progress
     * @param build       how to rebuild stale packages, or null to deploy the package index as it is
     */
    public record Options(int concurrency, StepListener listener, FreshPackages.Settings build) {
        public static Options defaults() {
            return new Options(16, StepListener.NONE, null);
        }
    }

    private final Clients clients;
    private final Options options;
    private final ConcurrencyLimit limit;
    private final AwsCalls calls;
    private final ExecutorService pool;

    public Deployer(Clients clients, Options options) {
        this.clients = clients;
        this.options = options;
        this.limit = new ConcurrencyLimit(options.concurrency());
        this.calls = new AwsCalls(limit);
        AtomicInteger n = new AtomicInteger();
        // reads run two per change slot: they are cheap and a redeploy is mostly reads
        this.pool = Executors.newFixedThreadPool(Math.max(2 * options.concurrency(), 8), r -> {
            Thread t = new Thread(r, "javeze-deploy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public DeployReport deploy(Path projectDir, boolean dryRun) {
        JavezeConfig config = JavezeConfig.load(projectDir);
        String account = account();
        String region = clients.region();
        // a rebuild recompiles, and the processor rewrites the manifest: read it afterwards
        Packages packages = options.build() != null
                ? FreshPackages.ensure(projectDir, config, options.build())
                : Packages.read(projectDir);
        Manifest manifest = ManifestStore.read(projectDir);
        if (!config.serviceName().equals(manifest.service())) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": written for service \"" + manifest.service()
                    + "\" but javeze.toml says \"" + config.serviceName() + "\"; run `javeze build` again");
        }
        if (manifest.functions().isEmpty()) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": no functions to deploy; annotate a method with @Route, @Auth or @Subscriber");
        }
        DesiredApp desired = DesiredAppBuilder.build(config, manifest, packages, region, account);

        DeployedRecorder recorder = new DeployedRecorder(projectDir, manifest, !dryRun);
        Deployed recorded = recorder.current();
        boolean elsewhere = recorded.account() != null && (!account.equals(recorded.account()) || !region.equals(recorded.region())
                || !desired.stage().equals(recorded.stage()));
        if (elsewhere) {
            recorder.reset();
            recorded = recorder.current();
        }
        ActualApp actual = new StateReader(clients, calls, pool).read(desired, recorded, desired.logRetentionDays() != null);
        Plan plan = Differ.plan(desired, actual);
        if (dryRun) {
            return report(desired, plan, true, actual.api() == null ? null : actual.api().id(),
                    actual.api() == null ? null : actual.api().endpoint(), recorded);
        }
        recorder.target(region, account, desired.stage());
        if (actual.api() != null) {
            recorder.api(actual.api().id(), actual.api().endpoint(), actual.api().endpoint() + "/" + desired.stage());
        }
        DeployContext ctx = new DeployContext(desired, actual, clients, calls, recorder, codeSource(desired, plan));
        new StepExecutor(pool, limit, options.listener()).execute(plan, new ActionRunner(ctx));
        awaitFunctions(ctx, plan);
        return report(desired, plan, false, ctx.apiId(), ctx.apiEndpoint(), recorder.current());
    }

    /** Deletes everything the service created: by recorded ids, by names derived from the service, proven by tags. */
    public DeployReport remove(Path projectDir, boolean dryRun, boolean deleteLogs) {
        JavezeConfig config = JavezeConfig.load(projectDir);
        Manifest manifest = Files.exists(ManifestStore.path(projectDir)) ? ManifestStore.read(projectDir) : null;
        String account = account();
        String region = clients.region();
        DesiredApp nothing = DesiredApp.nothing(config.serviceName(), config.deployment().stage(), region, account,
                Arns.partitionOf(region));
        DeployedRecorder recorder = new DeployedRecorder(projectDir, manifest, !dryRun);
        Deployed recorded = recorder.current();
        if (recorded.account() != null && (!account.equals(recorded.account()) || !region.equals(recorded.region()))) {
            recorded = Deployed.empty();
        }
        ActualApp actual = new StateReader(clients, calls, pool).read(nothing, recorded, deleteLogs);
        Plan plan = Differ.plan(nothing, actual, deleteLogs);
        if (!dryRun) {
            DeployContext ctx = new DeployContext(nothing, actual, clients, calls, recorder, codeSource(nothing, plan));
            new StepExecutor(pool, limit, options.listener()).execute(plan, new ActionRunner(ctx));
            recorder.reset();
        }
        return report(nothing, plan, dryRun, null, null, recorder.current());
    }

    private String account() {
        try {
            return clients.sts().getCallerIdentity().account();
        } catch (SdkException e) {
            if (AwsErrors.isUnreachable(e) || AwsErrors.isServerError(e)) throw AwsErrors.toUserError(e);
            String message = String.valueOf(e.getMessage()).split("\\R", 2)[0];
            throw new JavezeException("cannot use AWS credentials (region " + clients.region() + "): " + message);
        }
    }

    private CodeSource codeSource(DesiredApp desired, Plan plan) {
        Map<String, Integer> uploads = new HashMap<>();
        for (Action a : plan.actions()) {
            FunctionTarget f = a instanceof Action.CreateFunction c ? c.function()
                    : a instanceof Action.UpdateFunctionCode u ? u.function() : null;
            if (f != null) uploads.merge(f.packageSha256Hex(), 1, Integer::sum);
        }
        return new CodeSource(clients, desired.account(), desired.region(), desired.service(), uploads);
    }

    /** The URLs printed at the end must answer: wait until every created or updated function is active. */
    private void awaitFunctions(DeployContext ctx, Plan plan) {
        Set<String> changed = new LinkedHashSet<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.CreateFunction c) changed.add(c.function().lambdaName());
            if (a instanceof Action.UpdateFunctionCode u) changed.add(u.function().lambdaName());
            if (a instanceof Action.UpdateFunctionConfiguration u) changed.add(u.function().lambdaName());
        }
        List<java.util.concurrent.Future<?>> waits = new ArrayList<>();
        for (String name : changed) {
            waits.add(pool.submit(() -> ctx.functions().awaitDone(name)));
        }
        for (var w : waits) {
            try {
                w.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static DeployReport report(DesiredApp desired, Plan plan, boolean dryRun, String apiId, String endpoint,
                                       Deployed recorded) {
        Map<String, String> actions = new HashMap<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.CreateFunction c) actions.put(c.function().lambdaName(), "created");
            else if (a instanceof Action.DeleteFunction d) actions.put(d.lambdaName(), "deleted");
            else if (a instanceof Action.UpdateFunctionCode u) actions.putIfAbsent(u.function().lambdaName(), "updated");
            else if (a instanceof Action.UpdateFunctionConfiguration u) actions.putIfAbsent(u.function().lambdaName(), "updated");
            else if (a instanceof Action.TagFunction t) actions.putIfAbsent(t.lambdaName(), "updated");
        }
        Arns arns = new Arns(desired.partition(), desired.region(), desired.account());
        List<DeployReport.FunctionResult> functions = new ArrayList<>();
        for (FunctionTarget f : desired.functions()) {
            String arn = recorded.functions().getOrDefault(f.lambdaName(), arns.function(f.lambdaName()));
            functions.add(new DeployReport.FunctionResult(f.name(), f.lambdaName(), arn,
                    actions.getOrDefault(f.lambdaName(), "unchanged")));
        }
        actions.forEach((lambdaName, action) -> {
            if (action.equals("deleted")) {
                functions.add(new DeployReport.FunctionResult(lambdaName, lambdaName, arns.function(lambdaName), action));
            }
        });
        String apiUrl = endpoint == null || desired.api() == null ? null : endpoint + "/" + desired.stage();
        List<DeployReport.Endpoint> endpoints = new ArrayList<>();
        if (desired.api() != null) {
            for (ApiTarget.RouteTarget r : desired.api().routes()) {
                String path = r.path() == null ? "/" : r.path();
                endpoints.add(new DeployReport.Endpoint(r.method(), path, apiUrl == null ? null : apiUrl + path));
            }
        }
        return new DeployReport(desired.service(), desired.stage(), desired.region(), desired.account(), dryRun,
                plan.describe(), apiId, apiUrl, endpoints, functions);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
