package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * Makes the remote function match the request. AWS is the state: the function is read first, and only what
 * differs from what was asked is changed; settings not asked for are left as they are.
 */
final class FunctionReconciler {
    static final int DEFAULT_MEMORY = 512;
    static final int DEFAULT_TIMEOUT = 30;
    static final String DEFAULT_JAVA_RUNTIME = "java21";
    /** How long a role javeze just created may take to become assumable. */
    private static final Duration NEW_ROLE_PROPAGATION = Duration.ofMinutes(2);
    /** A role the user named was usually created long ago: a short grace, so a wrong ARN fails fast. */
    private static final Duration GIVEN_ROLE_PROPAGATION = Duration.ofSeconds(10);

    private final AwsClients aws;
    private final LambdaClient lambda;
    private final DeploySpec spec;
    private final Changes changes;

    FunctionReconciler(AwsClients aws, DeploySpec spec, Changes changes) {
        this.aws = aws;
        this.lambda = aws.lambda();
        this.spec = spec;
        this.changes = changes;
    }

    DeployResult reconcile() {
        GetFunctionResponse current = get();
        String arn;
        if (current == null) {
            arn = create();
        } else {
            arn = current.configuration().functionArn();
            if (LambdaWaits.settled(lambda, current.configuration())) {
                current = get(); // compare against the configuration the finished update left
            }
            update(current);
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
            LogRetention.apply(aws.logs(), spec.name(), spec.logRetentionDays(), changes);
        }
        String action = current == null ? "created" : changes.made().isEmpty() ? "unchanged" : "updated";
        return new DeployResult(spec.name(), action, arn, version, spec.alias(), url, spec.pkg().codeSha256(),
                spec.pkg().architecture(), null, spec.dryRun(), changes.made(), changes.warnings());
    }

    private GetFunctionResponse get() {
        try {
            return lambda.getFunction(r -> r.functionName(spec.name()));
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private String runtimeForCreate() {
        if (spec.runtime() != null) {
            return spec.runtime();
        }
        return spec.pkg().bootstrap() ? "provided.al2023" : DEFAULT_JAVA_RUNTIME;
    }

    private String create() {
        String role = spec.role() != null ? spec.role()
                : ExecutionRoles.ensure(aws.iam(), spec.name(), aws.region().id(), changes);
        String[] arn = {null};
        changes.apply("create function " + spec.name() + " (" + runtimeForCreate() + ", " + spec.pkg().architecture() + ")", () -> {
            CodeUploader.Code code = CodeUploader.upload(aws.s3(), spec, changes);
            CreateFunctionRequest.Builder request = CreateFunctionRequest.builder()
                    .functionName(spec.name())
                    .role(role)
                    .runtime(runtimeForCreate())
                    .handler(spec.handler())
                    .code(FunctionCode.builder().zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key()).build())
                    .architectures(Architecture.fromValue(spec.pkg().architecture()))
                    .memorySize(spec.memory() != null ? spec.memory() : DEFAULT_MEMORY)
                    .timeout(spec.timeout() != null ? spec.timeout() : DEFAULT_TIMEOUT);
            if (spec.environment() != null) {
                request.environment(e -> e.variables(spec.environment()));
            }
            if (spec.tracing() != null) {
                request.tracingConfig(t -> t.mode(spec.tracing()));
            }
            if (spec.layers() != null) {
                request.layers(spec.layers());
            }
            if (spec.tags() != null) {
                request.tags(spec.tags());
            }
            arn[0] = createWhileRolePropagates(request.build(), spec.role() != null ? GIVEN_ROLE_PROPAGATION : NEW_ROLE_PROPAGATION);
            LambdaWaits.active(lambda, spec.name());
        });
        return arn[0];
    }

    /** A new IAM role takes seconds to be assumable everywhere; AWS says so with this error, so retry on exactly it. */
    private String createWhileRolePropagates(CreateFunctionRequest request, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long delayMs = 250;
        while (true) {
            try {
                return lambda.createFunction(request).functionArn();
            } catch (InvalidParameterValueException e) {
                if (!String.valueOf(e.awsErrorDetails().errorMessage()).contains("cannot be assumed") || System.nanoTime() > deadline) {
                    throw e;
                }
                sleep(delayMs);
                delayMs = Math.min(delayMs * 2, 4000);
            }
        }
    }

    private void update(GetFunctionResponse current) {
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
        if (spec.layers() != null) {
            List<String> remoteLayers = c.layers() == null ? List.of() : c.layers().stream().map(Layer::arn).toList();
            if (!spec.layers().equals(remoteLayers)) {
                request.layers(spec.layers());
                settings.add("layers " + remoteLayers + " -> " + spec.layers());
            }
        }
        if (!settings.isEmpty()) {
            changes.apply("update configuration: " + String.join(", ", settings), () -> {
                lambda.updateFunctionConfiguration(request.build());
                LambdaWaits.updated(lambda, spec.name());
            });
        }
        String remoteArch = c.hasArchitectures() && !c.architectures().isEmpty() ? c.architecturesAsStrings().get(0) : "x86_64";
        if (!spec.pkg().codeSha256().equals(c.codeSha256()) || !spec.pkg().architecture().equals(remoteArch)) {
            changes.apply("update code (" + shortSha(c.codeSha256()) + " -> " + shortSha(spec.pkg().codeSha256())
                    + (spec.pkg().architecture().equals(remoteArch) ? "" : ", " + remoteArch + " -> " + spec.pkg().architecture()) + ")", () -> {
                CodeUploader.Code code = CodeUploader.upload(aws.s3(), spec, changes);
                lambda.updateFunctionCode(r -> r.functionName(spec.name())
                        .zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key())
                        .architectures(Architecture.fromValue(spec.pkg().architecture())));
                LambdaWaits.updated(lambda, spec.name());
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
        return version[0];
    }

    private void pointAlias(String version) {
        String alias = spec.alias();
        String current;
        try {
            current = lambda.getAlias(r -> r.functionName(spec.name()).name(alias)).functionVersion();
        } catch (ResourceNotFoundException e) {
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

    private static String shortSha(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(8, sha.length()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JavezeException("interrupted while waiting for the new IAM role to propagate");
        }
    }
}
