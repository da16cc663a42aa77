package io.javeze.deploy;

import io.javeze.aws.AwsErrors;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.Timings;
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
import io.javeze.deploy.model.ManifestCheck;
import io.javeze.deploy.lease.DeployLease;
import io.javeze.aws.AwsTimeouts;
import io.javeze.lambda.DependencyLayers;
import io.javeze.lambda.PackageCheck;
import io.javeze.deploy.record.RecordFiller;
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
     * @param lease       how long the service+stage lease lives and how long to wait for another holder
     */
    public record Options(int concurrency, StepListener listener, FreshPackages.Settings build, DeployLease.Settings lease) {
        public Options(int concurrency, StepListener listener, FreshPackages.Settings build) {
            this(concurrency, listener, build, DeployLease.Settings.defaults());
        }

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
        return deploy(projectDir, dryRun, null);
    }

    /** @param stage the stage to deploy ({@code --stage}), or null for javeze.toml's */
    public DeployReport deploy(Path projectDir, boolean dryRun, String stage) {
        Timings timings = Timings.start("deploy");
        JavezeConfig config = JavezeConfig.load(projectDir).withStage(stage, "--stage");
        timings.mark("javeze.toml");
        // who the credentials are, asked while the packages and the manifest are read
        java.util.concurrent.CompletableFuture<String> whoAmI = java.util.concurrent.CompletableFuture.supplyAsync(this::account, pool);
        pool.execute(this::buildReadClients);
        String region = clients.region();
        // a rebuild recompiles, and the processor rewrites the manifest: read it afterwards
        Packages packages = options.build() != null
                ? FreshPackages.ensure(projectDir, config, options.build())
                : Packages.read(projectDir);
        timings.mark("packages fresh and read");
        Manifest manifest = ManifestStore.read(projectDir);
        if (!config.serviceName().equals(manifest.service())) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": written for service \"" + manifest.service()
                    + "\" but javeze.toml says \"" + config.serviceName() + "\"; run `javeze build` again");
        }
        if (manifest.functions().isEmpty()) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": no functions to deploy; annotate a method with @Route, @Auth or @Subscriber");
        }
        ManifestCheck.check(ManifestStore.path(projectDir), manifest, config.serviceName());
        timings.mark("manifest");
        String account = join(whoAmI);
        timings.mark("who am I (waited)");
        DesiredApp desired = DesiredAppBuilder.build(config, manifest, packages, region, account);
        timings.mark("desired app");
        if (dryRun) {
            return deployLeased(projectDir, desired, true, timings);
        }
        DeployReport report;
        try (DeployLease lease = lease(desired.service(), desired.stage(), "deploy", account, region)) {
            timings.mark("lease taken");
            report = deployLeased(projectDir, desired, false, timings);
        }
        timings.mark("lease given back");
        return report;
    }

    private DeployReport deployLeased(Path projectDir, DesiredApp desired, boolean dryRun, Timings timings) {
        Manifest manifest = ManifestStore.read(projectDir); // what the previous holder of the lease recorded
        DeployedRecorder recorder = new DeployedRecorder(projectDir, manifest, desired.stage(), !dryRun);
        Deployed recorded = recorder.current();
        boolean elsewhere = recorded.account() != null && (!desired.account().equals(recorded.account())
                || !desired.region().equals(recorded.region()) || !desired.stage().equals(recorded.stage()));
        if (elsewhere) {
            recorder.reset();
            recorded = recorder.current();
        }
        // which layer versions exist decides whether the functions already run with the wanted one
        // listed side by side with the functions' first round of reads, which need the layers' ARNs only afterwards
        DesiredApp wanted = desired;
        java.util.concurrent.CompletableFuture<List<DependencyLayers.Version>> layerVersions =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> layerVersions(wanted.service()), pool);
        java.util.concurrent.CompletableFuture<DesiredApp> resolved = layerVersions.thenApply(v -> wanted.withLayerArns(arnByDigest(v)));
        timings.mark("record read");
        ActualApp actual = new StateReader(clients, calls, pool).read(desired, resolved, recorded, desired.logRetentionDays() != null)
                .withLayerVersions(join(layerVersions));
        desired = join(resolved);
        timings.mark("state and layer versions read");
        Plan plan = Differ.plan(desired, actual);
        timings.mark("planned (" + plan.steps().size() + " steps)");
        validatePackages(plan);
        timings.mark("packages to upload checked");
        if (dryRun) {
            return report(desired, plan, true, actual.api() == null ? null : actual.api().id(),
                    actual.api() == null ? null : actual.api().endpoint(), recorded, actual);
        }
        recorder.target(desired.region(), desired.account(), desired.stage());
        if (actual.api() != null) {
            recorder.api(actual.api().id(), actual.api().endpoint(), actual.api().endpoint() + "/" + desired.stage());
        }
        DeployContext ctx = new DeployContext(desired, actual, clients, calls, recorder, codeSource(desired, plan));
        new StepExecutor(pool, limit, options.listener()).execute(plan, new ActionRunner(ctx));
        timings.mark("plan executed");
        awaitFunctions(ctx, plan);
        timings.mark("functions active");
        RecordFiller.fill(recorder, desired, actual, ctx.integrationIds(), ctx.authorizerIds(), ctx.aliasVersions());
        timings.mark("record written");
        return report(desired, plan, false, ctx.apiId(), ctx.apiEndpoint(), recorder.current(), actual);
    }

    /**
     * The clients every deploy reads through (the lease's S3, then the readers'), built on a spare thread while this one
     * reads the packages and the manifest: in a fresh JVM each costs tens of milliseconds of CPU that would otherwise
     * delay its first read. A failure here is left for the read itself to report.
     */
    private void buildReadClients() {
        try {
            clients.s3();
            clients.lambda();
            clients.iam();
            clients.apiGateway();
            clients.sns();
            clients.sqs();
            clients.scheduler();
        } catch (RuntimeException e) {
            // the first call through that client builds it again and reports what is wrong
        }
    }

    private List<DependencyLayers.Version> layerVersions(String service) {
        return calls.call(() -> new DependencyLayers(clients.lambda(), AwsTimeouts.DEFAULT).list(DependencyLayers.layerName(service)));
    }

    /** The newest version holding each digest. */
    private static Map<String, String> arnByDigest(List<DependencyLayers.Version> versions) {
        Map<String, String> out = new HashMap<>();
        versions.forEach(v -> {
            if (v.digest() != null) out.putIfAbsent(v.digest(), v.arn());
        });
        return out;
    }

    public DeployReport remove(Path projectDir, boolean dryRun, boolean deleteLogs) {
        return remove(projectDir, dryRun, deleteLogs, null);
    }

    /**
     * Deletes everything the stage created: by recorded ids, by names derived from the service, proven by the
     * service and stage tags. Functions other stages still serve stay; only this stage's alias and versions go.
     */
    public DeployReport remove(Path projectDir, boolean dryRun, boolean deleteLogs, String stage) {
        JavezeConfig config = JavezeConfig.load(projectDir).withStage(stage, "--stage");
        String account = account();
        String region = clients.region();
        DesiredApp nothing = DesiredApp.nothing(config.serviceName(), config.deployment().stage(), region, account,
                Arns.partitionOf(region));
        if (dryRun) return removeLeased(projectDir, nothing, true, deleteLogs);
        try (DeployLease lease = lease(nothing.service(), nothing.stage(), "remove", account, region)) {
            return removeLeased(projectDir, nothing, false, deleteLogs);
        }
    }

    private DeployReport removeLeased(Path projectDir, DesiredApp nothing, boolean dryRun, boolean deleteLogs) {
        Manifest manifest = Files.exists(ManifestStore.path(projectDir)) ? ManifestStore.read(projectDir) : null;
        DeployedRecorder recorder = new DeployedRecorder(projectDir, manifest, nothing.stage(), !dryRun);
        Deployed recorded = recorder.current();
        if (recorded.account() != null && (!nothing.account().equals(recorded.account()) || !nothing.region().equals(recorded.region()))) {
            recorded = Deployed.empty();
        }
        // the service's layer versions go once no function version of any stage uses them
        ActualApp actual = new StateReader(clients, calls, pool).read(nothing, recorded, deleteLogs)
                .withLayerVersions(layerVersions(nothing.service()));
        Plan plan = Differ.plan(nothing, actual, deleteLogs);
        if (!dryRun) {
            DeployContext ctx = new DeployContext(nothing, actual, clients, calls, recorder, codeSource(nothing, plan));
            new StepExecutor(pool, limit, options.listener()).execute(plan, new ActionRunner(ctx));
            recorder.reset();
        }
        return report(nothing, plan, dryRun, null, null, recorder.current(), actual);
    }

    /**
     * {@code javeze rollback}: the stage serves an earlier deploy's versions again by moving its aliases back; no
     * build, no upload. Every version is checked to still exist before the first alias moves.
     *
     * @param to the deploy id from the stage's history, or null for the deploy before the one it serves
     */
    public DeployReport rollback(Path projectDir, String stage, Integer to) {
        JavezeConfig config = JavezeConfig.load(projectDir).withStage(stage, "--stage");
        String account = account();
        String region = clients.region();
        String service = config.serviceName();
        String chosen = config.deployment().stage();
        try (DeployLease lease = lease(service, chosen, "rollback", account, region)) {
            return new Rollback(clients, calls, pool).run(projectDir, service, chosen, account, region, to);
        }
    }

    /**
     * Every package the plan uploads, side by side, before anything changes. A package the plan does not upload is
     * the one the function already runs (same digest), checked when it was uploaded: a no-op opens no zip.
     */
    private void validatePackages(Plan plan) {
        List<Runnable> checks = new ArrayList<>();
        for (FunctionTarget f : new LinkedHashSet<>(uploads(plan))) {
            checks.add(() -> PackageCheck.verify(f.packageFile(), f.handler()));
        }
        runSideBySide(checks);
    }

    /** The functions whose code the plan sends to Lambda. */
    private static List<FunctionTarget> uploads(Plan plan) {
        List<FunctionTarget> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            FunctionTarget f = a instanceof Action.CreateFunction c ? c.function()
                    : a instanceof Action.UpdateFunctionCode u ? u.function()
                    : a instanceof Action.PublishCode p ? p.function() : null;
            if (f != null) out.add(f);
        }
        return out;
    }

    /** Runs the tasks on the pool and waits for all; the first failure is rethrown as it was. */
    private void runSideBySide(List<Runnable> tasks) {
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        tasks.forEach(t -> running.add(pool.submit(t)));
        for (var r : running) {
            try {
                r.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException x) throw x;
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException x) throw x;
            throw e;
        }
    }

    private DeployLease lease(String service, String stage, String what, String account, String region) {
        return DeployLease.acquire(clients.s3(), region, account, service, stage, what, options.lease(), java.time.Clock.systemUTC());
    }

    private String account() {
        try {
            return clients.sts().getCallerIdentity().account();
        } catch (SdkException e) {
            if (AwsErrors.isUnreachable(e) || AwsErrors.isServerError(e) || AwsErrors.isMissingCredentials(e)) throw AwsErrors.toUserError(e);
            String message = String.valueOf(e.getMessage()).split("\\R", 2)[0];
            throw new JavezeException("cannot use AWS credentials (region " + clients.region() + "): " + message);
        }
    }

    private CodeSource codeSource(DesiredApp desired, Plan plan) {
        Map<String, Integer> uploads = new HashMap<>();
        uploads(plan).forEach(f -> uploads.merge(f.packageSha256Hex(), 1, Integer::sum));
        return new CodeSource(clients, desired.account(), desired.region(), desired.service(), uploads);
    }

    /** The URLs printed at the end must answer: wait until every created or updated function is active. */
    private void awaitFunctions(DeployContext ctx, Plan plan) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> published = new LinkedHashSet<>();
        plan.actions(Action.PublishVersion.class).forEach(p -> published.add(p.function().lambdaName()));
        plan.actions(Action.PublishCode.class).forEach(p -> published.add(p.function().lambdaName()));
        for (Action a : plan.actions()) {
            if (a instanceof Action.CreateFunction c) changed.add(c.function().lambdaName());
            if (a instanceof Action.UpdateFunctionCode u) changed.add(u.function().lambdaName());
            if (a instanceof Action.UpdateFunctionConfiguration u) changed.add(u.function().lambdaName());
        }
        changed.removeAll(published); // publishing waited for them already
        List<Runnable> waits = new ArrayList<>();
        for (String name : changed) {
            waits.add(() -> ctx.functions().awaitDone(name));
        }
        runSideBySide(waits);
    }

    /** The permission warnings, then what the state read could not see at this endpoint. */
    private static List<String> warnings(DesiredApp desired, ActualApp actual) {
        List<String> out = new ArrayList<>(desired.permissionWarnings());
        if (actual.api() != null) out.addAll(actual.api().notes());
        return out;
    }

    private static DeployReport report(DesiredApp desired, Plan plan, boolean dryRun, String apiId, String endpoint,
                                       Deployed recorded, ActualApp actual) {
        Map<String, String> actions = new HashMap<>();
        for (Action a : plan.actions()) {
            if (a instanceof Action.CreateFunction c) actions.put(c.function().lambdaName(), "created");
            else if (a instanceof Action.DeleteFunction d) actions.put(d.lambdaName(), "deleted");
            else if (a instanceof Action.DeleteAlias d) actions.put(d.lambdaName(), "deleted");
            else if (a instanceof Action.SetAlias u) actions.putIfAbsent(u.lambdaName(), u.create() ? "created" : "updated");
            else if (a instanceof Action.UpdateFunctionCode u) actions.putIfAbsent(u.function().lambdaName(), "updated");
            else if (a instanceof Action.PublishCode u) actions.putIfAbsent(u.function().lambdaName(), "updated");
            else if (a instanceof Action.UpdateFunctionConfiguration u) actions.putIfAbsent(u.function().lambdaName(), "updated");
            else if (a instanceof Action.TagFunction t) actions.putIfAbsent(t.lambdaName(), "updated");
        }
        Arns arns = new Arns(desired.partition(), desired.region(), desired.account());
        List<DeployReport.FunctionResult> functions = new ArrayList<>();
        for (FunctionTarget f : desired.functions()) {
            String arn = recorded.functions().getOrDefault(f.lambdaName(), desired.aliasArn(f.lambdaName()));
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
        List<FunctionGrants.Result> granted = desired.grants().stream()
                .filter(g -> !g.statements().isEmpty() || !g.warnings().isEmpty()).toList();
        return new DeployReport(desired.service(), desired.stage(), desired.region(), desired.account(), dryRun,
                plan.describe(dryRun), apiId, apiUrl, endpoints, functions, granted, warnings(desired, actual));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
