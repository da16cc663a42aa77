package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsErrors;
import io.javeze.aws.Partitions;
import io.javeze.lambda.DependencyLayers;
import io.javeze.lambda.FunctionDefinition;
import io.javeze.lambda.LambdaFunctions;
import io.javeze.lambda.LogRetention;
import io.javeze.lambda.PackageCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * Makes the remote function match the request. AWS is the state: the function is read first, and only what
 * differs from what was asked is changed; settings not asked for are left as they are.
 */
final class FunctionReconciler {
    static final int DEFAULT_MEMORY = 512;
    static final int DEFAULT_TIMEOUT = 30;
    static final String DEFAULT_JAVA_RUNTIME = "java21";
    private final AwsClients aws;
    private final LambdaClient lambda;
    private final LambdaFunctions functions;
    private final DeploySpec spec;
    private final Changes changes;

    FunctionReconciler(AwsClients aws, DeploySpec spec, Changes changes) {
        this.aws = aws;
        this.lambda = aws.lambda();
        this.functions = new LambdaFunctions(lambda, aws.timeouts());
        this.spec = spec;
        this.changes = changes;
    }

    DeployResult reconcile() {
        GetFunctionResponse current = get();
        String dependencyLayerArn = dependencyLayer();
        String arn;
        if (current == null) {
            arn = create(layers(null, dependencyLayerArn));
        } else {
            arn = current.configuration().functionArn();
            if (functions.awaitSettled(spec.name())) {
                current = get(); // compare against the configuration the finished update left
            }
            update(current, layers(current.configuration(), dependencyLayerArn));
        }
        if (spec.retryAttempts() != null) {
            retryAttempts(spec.retryAttempts(), current == null);
        }
        String version = "$LATEST";
        if (spec.publishesVersion()) {
            version = publishVersion();
            if (spec.alias() != null) {
                pointAlias(version);
            }
        }
        String url = functionUrl(current == null);
        if (spec.logRetentionDays() != null) {
            logRetention(spec.logRetentionDays());
        }
        String action = current == null ? "created" : changes.made().isEmpty() ? "unchanged" : "updated";
        return new DeployResult(spec.name(), action, arn, version, spec.alias(), url, spec.pkg().codeSha256(),
                spec.pkg().architecture(), null, spec.dryRun(), changes.made(), changes.warnings());
    }

    private GetFunctionResponse get() {
        try {
            return lambda.getFunction(r -> r.functionName(spec.name()));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) return null;
            throw e;
        }
    }

    private String runtimeForCreate() {
        if (spec.runtime() != null) {
            return spec.runtime();
        }
        return spec.pkg().bootstrap() ? "provided.al2023" : DEFAULT_JAVA_RUNTIME;
    }

    /**
     * {@code --dependency-layer}: the layer version holding exactly the project's jars (found by the digest in its
     * description), published only when none does. Null without the flag.
     */
    private String dependencyLayer() {
        DependencyLayerSpec layer = spec.dependencyLayer();
        if (layer == null) {
            return null;
        }
        DependencyLayers layers = new DependencyLayers(lambda, aws.timeouts());
        DependencyLayers.Version existing = layers.find(layer.layerName(), layer.digest());
        if (existing != null) {
            return existing.arn();
        }
        String[] arn = {"(new version of " + layer.layerName() + ")"};
        changes.apply("publish dependency layer " + layer.layerName() + " (" + layer.pkg().size() / 1024 + " KiB, sha256="
                + layer.digest().substring(0, 12) + ")", () -> arn[0] = layers.publish(layer.layerName(), layer.digest(),
                PackageUpload.layerCode(aws.s3(), aws.timeouts(), spec, changes), List.of()));
        return arn[0];
    }

    /**
     * The layers to attach: as given (or, with none given, as attached now) with any version of the dependency layer
     * replaced by {@code dependencyLayerArn}, last, so the function's own layers come first as they were.
     */
    private List<String> layers(FunctionConfiguration current, String dependencyLayerArn) {
        if (dependencyLayerArn == null) {
            return spec.layers();
        }
        List<String> base = spec.layers() != null ? spec.layers()
                : current == null || current.layers() == null ? List.of() : current.layers().stream().map(Layer::arn).toList();
        String ownLayer = ":layer:" + spec.dependencyLayer().layerName() + ":";
        List<String> out = new ArrayList<>(base.stream().filter(a -> !a.contains(ownLayer)).toList());
        out.add(dependencyLayerArn);
        if (out.size() > 5) {
            throw new io.javeze.config.JavezeException("--dependency-layer: Lambda attaches at most 5 layers, and " + spec.name()
                    + " already has " + (out.size() - 1) + ": pass --layer to choose the others");
        }
        return out;
    }

    private String create(List<String> layers) {
        String role = spec.role() != null ? spec.role()
                : DefaultRole.ensure(aws.iam(), spec.name(), Partitions.of(aws.region().id()), changes);
        String[] arn = {null};
        changes.apply("create function " + spec.name() + " (" + runtimeForCreate() + ", " + spec.pkg().architecture()
                + (spec.subnetIds() != null ? ", in VPC subnets " + spec.subnetIds() + " with " + spec.securityGroupIds() : "") + ")", () -> {
            PackageCode code = PackageUpload.code(aws.s3(), aws.timeouts(), spec, changes);
            FunctionDefinition definition = new FunctionDefinition(spec.name(), runtimeForCreate(), spec.handler(), role,
                    spec.memory() != null ? spec.memory() : DEFAULT_MEMORY, spec.timeout() != null ? spec.timeout() : DEFAULT_TIMEOUT,
                    spec.pkg().architecture(), spec.environment(), spec.tags(), spec.tracing(), layers,
                    spec.subnetIds(), spec.securityGroupIds(), spec.snapStart());
            arn[0] = functions.create(definition, code,
                    spec.role() != null ? LambdaFunctions.GIVEN_ROLE_PROPAGATION : LambdaFunctions.NEW_ROLE_PROPAGATION);
            functions.awaitDone(spec.name());
        });
        return arn[0];
    }

    private void update(GetFunctionResponse current, List<String> layers) {
        FunctionConfiguration c = current.configuration();
        UpdateFunctionConfigurationRequest.Builder request = UpdateFunctionConfigurationRequest.builder().functionName(spec.name());
        List<String> settings = new ArrayList<>();
        if (spec.handlerGiven() && !spec.handler().equals(c.handler())) {
            request.handler(spec.handler());
            settings.add("handler " + c.handler() + " -> " + spec.handler());
        }
        if (spec.runtime() != null && !spec.runtime().equals(c.runtimeAsString())) {
            request.runtime(spec.runtime());
            settings.add("runtime " + c.runtimeAsString() + " -> " + spec.runtime());
        }
        if (spec.memory() != null && !spec.memory().equals(c.memorySize())) {
            request.memorySize(spec.memory());
            settings.add("memory " + c.memorySize() + " -> " + spec.memory() + " MB");
        }
        if (spec.timeout() != null && !spec.timeout().equals(c.timeout())) {
            request.timeout(spec.timeout());
            settings.add("timeout " + c.timeout() + " -> " + spec.timeout() + " s");
        }
        if (spec.role() != null && !spec.role().equals(c.role())) {
            request.role(spec.role());
            settings.add("role -> " + spec.role());
        }
        if (spec.tracing() != null && (c.tracingConfig() == null || !spec.tracing().equals(c.tracingConfig().modeAsString()))) {
            request.tracingConfig(t -> t.mode(spec.tracing()));
            settings.add("tracing -> " + spec.tracing());
        }
        boolean remoteSnapStart = c.snapStart() != null && c.snapStart().applyOn() == SnapStartApplyOn.PUBLISHED_VERSIONS;
        if (spec.snapStart() != null && spec.snapStart() != remoteSnapStart) {
            request.snapStart(FunctionDefinition.snapStart(spec.snapStart()));
            settings.add("SnapStart " + (remoteSnapStart ? "PublishedVersions" : "None") + " -> "
                    + (spec.snapStart() ? "PublishedVersions" : "None"));
        }
        Map<String, String> remoteEnv = c.environment() == null || c.environment().variables() == null
                ? Map.of() : c.environment().variables();
        if (spec.environment() != null) {
            Map<String, String> env = new LinkedHashMap<>(spec.mergeEnvironment() ? remoteEnv : Map.of());
            env.putAll(spec.environment());
            if (!env.equals(remoteEnv)) {
                request.environment(e -> e.variables(env));
                settings.add("environment " + new java.util.TreeSet<>(remoteEnv.keySet()) + " -> " + new java.util.TreeSet<>(env.keySet()));
            }
        }
        if (layers != null) {
            List<String> remoteLayers = c.layers() == null ? List.of() : c.layers().stream().map(Layer::arn).toList();
            if (!layers.equals(remoteLayers)) {
                request.layers(layers);
                settings.add("layers " + remoteLayers + " -> " + layers);
            }
        }
        if (spec.subnetIds() != null) {
            List<String> subnets = c.vpcConfig() == null || c.vpcConfig().subnetIds() == null ? List.of() : c.vpcConfig().subnetIds();
            List<String> groups = c.vpcConfig() == null || c.vpcConfig().securityGroupIds() == null ? List.of() : c.vpcConfig().securityGroupIds();
            if (!new java.util.HashSet<>(subnets).equals(new java.util.HashSet<>(spec.subnetIds()))
                    || !new java.util.HashSet<>(groups).equals(new java.util.HashSet<>(spec.securityGroupIds()))) {
                request.vpcConfig(v -> v.subnetIds(spec.subnetIds()).securityGroupIds(spec.securityGroupIds()));
                settings.add("vpc " + subnets + " " + groups + " -> " + spec.subnetIds() + " " + spec.securityGroupIds());
            }
        }
        if (!settings.isEmpty()) {
            changes.apply("update configuration: " + String.join(", ", settings), () -> {
                functions.updateConfiguration(request.build());
                functions.awaitDone(spec.name());
            });
        }
        String remoteArch = c.hasArchitectures() && !c.architectures().isEmpty() ? c.architecturesAsStrings().get(0) : "x86_64";
        if (!spec.pkg().codeSha256().equals(c.codeSha256()) || !spec.pkg().architecture().equals(remoteArch)) {
            changes.apply("update code (" + shortSha(c.codeSha256()) + " -> " + shortSha(spec.pkg().codeSha256())
                    + (spec.pkg().architecture().equals(remoteArch) ? "" : ", " + remoteArch + " -> " + spec.pkg().architecture()) + ")", () -> {
                functions.updateCode(spec.name(), spec.pkg().architecture(), PackageUpload.code(aws.s3(), aws.timeouts(), spec, changes));
                functions.awaitDone(spec.name());
            });
        }
        if (spec.tags() != null) {
            Map<String, String> remoteTags = current.tags() == null ? Map.of() : current.tags();
            Map<String, String> missing = new LinkedHashMap<>();
            spec.tags().forEach((k, v) -> {
                if (!Objects.equals(remoteTags.get(k), v)) {
                    missing.put(k, v);
                }
            });
            if (!missing.isEmpty()) {
                changes.apply("tag " + missing.keySet(), () -> lambda.tagResource(r -> r.resource(c.functionArn()).tags(missing)));
            }
        }
    }

    private String publishVersion() {
        String[] version = {"(new)"};
        changes.apply("publish version" + (spec.description() != null ? " \"" + spec.description() + "\"" : ""), () ->
                version[0] = lambda.publishVersion(r -> r.functionName(spec.name()).description(spec.description())).version());
        if (Boolean.TRUE.equals(spec.snapStart()) && !"(new)".equals(version[0])) {
            functions.awaitDone(spec.name() + ":" + version[0]); // Lambda snapshots a SnapStart version before it serves
        }
        return version[0];
    }

    private void pointAlias(String version) {
        String alias = spec.alias();
        String current;
        try {
            current = lambda.getAlias(r -> r.functionName(spec.name()).name(alias)).functionVersion();
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            current = null;
        }
        if (current == null) {
            changes.apply("create alias " + alias + " -> " + version, () ->
                    lambda.createAlias(r -> r.functionName(spec.name()).name(alias).functionVersion(version)));
        } else if (!current.equals(version)) {
            changes.apply("move alias " + alias + " " + current + " -> " + version, () ->
                    lambda.updateAlias(r -> r.functionName(spec.name()).name(alias).functionVersion(version)));
        }
    }

    private String functionUrl(boolean created) {
        if (created && (changes.dryRun() || spec.functionUrl() != FunctionUrlChange.ENABLE)) {
            return null; // a function created just now has no URL to look up or remove
        }
        FunctionUrls urls = new FunctionUrls(lambda, spec.name(), spec.alias());
        return switch (spec.functionUrl()) {
            case ENABLE -> urls.enable(changes);
            case DISABLE -> {
                urls.disable(changes);
                yield null;
            }
            case KEEP -> urls.current();
        };
    }

    /**
     * Lambda's retries of failed asynchronous invocations. An existing event invoke config is updated in place, keeping
     * its maximum event age and destinations; a function without one gets one with just this setting.
     */
    private void retryAttempts(int attempts, boolean created) {
        Integer current = null;
        boolean exists = false;
        if (!created) {
            try {
                current = lambda.getFunctionEventInvokeConfig(r -> r.functionName(spec.name())).maximumRetryAttempts();
                exists = true;
            } catch (RuntimeException e) {
                if (!AwsErrors.isNotFound(e)) throw e;
            }
        }
        if (exists && Integer.valueOf(attempts).equals(current)) {
            return;
        }
        boolean update = exists;
        changes.apply("set maximum retry attempts " + (current == null ? "" : current + " -> ") + attempts, () -> {
            if (update) {
                lambda.updateFunctionEventInvokeConfig(r -> r.functionName(spec.name()).maximumRetryAttempts(attempts));
            } else {
                lambda.putFunctionEventInvokeConfig(r -> r.functionName(spec.name()).maximumRetryAttempts(attempts));
            }
        });
    }

    /** How long the function's log group keeps logs, creating the group if Lambda has not yet. */
    private void logRetention(int days) {
        String group = LogRetention.logGroup(spec.name());
        Integer current = LogRetention.current(aws.logs(), group);
        if (Integer.valueOf(days).equals(current)) {
            return;
        }
        changes.apply("set log retention of " + group + " to " + days + " days",
                () -> LogRetention.set(aws.logs(), group, days, Integer.valueOf(-1).equals(current)));
    }

    private static String shortSha(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(8, sha.length()));
    }
}
