package io.javeze.function;

import io.javeze.aws.TargetFlags;
import io.javeze.aws.TargetRequest;
import io.javeze.lambda.PackageCheck;
import io.javeze.config.JavezeException;
import io.javeze.lambda.DependencyLayers;
import io.javeze.lambda.FunctionDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Turns what the user typed into a {@link DeploySpec}, or fails with a one-line error naming the flag.
 * Nothing here talks to AWS: every rejection happens before the first call.
 */
public final class DeployValidator {
    private static final Set<String> JAVA_RUNTIMES = javaRuntimes();

    public DeploySpec validate(FunctionDeployOptions o) {
        if (o.enableFunctionUrl && o.disableFunctionUrl) {
            throw new JavezeException("--enable-function-url and --disable-function-url cannot be combined");
        }
        if (o.envVars != null && !o.envVar.isEmpty()) {
            throw new JavezeException("--env-vars and --env-var cannot be combined: use one form");
        }
        if (o.tags != null && !o.tag.isEmpty()) {
            throw new JavezeException("--tags and --tag cannot be combined: use one form");
        }
        Rules.range(o.memory, 128, 10240, "--memory", "MB");
        Rules.range(o.timeout, 1, 900, "--timeout", "seconds");
        Rules.range(o.retryAttempts, 0, 2, "--retry-attempts", "retries");
        List<String> subnets = ids(o.subnetIds, "--subnet-ids", "subnet-", 16);
        List<String> securityGroups = ids(o.securityGroupIds, "--security-group-ids", "sg-", 5);
        if ((subnets == null) != (securityGroups == null)) {
            throw new JavezeException(subnets == null ? "--security-group-ids needs --subnet-ids" : "--subnet-ids needs --security-group-ids");
        }
        if (o.dependencyLayer && o.zip != null) {
            throw new JavezeException("--dependency-layer puts the project's jars in a layer: it cannot be combined with --zip");
        }
        if (!o.include.isEmpty() && o.zip != null) {
            throw new JavezeException("--include adds files to the project package: it cannot be combined with --zip");
        }
        if (o.logRetention != null && !Rules.LOG_RETENTION_DAYS.contains(o.logRetention)) {
            throw new JavezeException("--log-retention must be one of " + new TreeSet<>(Rules.LOG_RETENTION_DAYS) + " days, got " + o.logRetention);
        }
        Rules.matches(o.iamRole, Rules.ROLE_ARN, "--iam-role", "an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
        Rules.matches(o.alias, Rules.ALIAS, "--alias", "a valid alias name (letters, digits, - or _, not all digits, at most 128)");
        if (o.description != null && o.description.length() > 256) {
            throw new JavezeException("--description must be at most 256 characters, got " + o.description.length());
        }
        String tracing = tracing(o.tracing);
        String runtime = runtime(o.runtime, "--runtime");
        List<String> layers = o.layers == null ? null : layers(o.layers);
        OutputFormat format = outputFormat(o.outputFormat);
        Map<String, String> env = environment(o);
        Map<String, String> tags = tags(o);
        Rules.matches(o.s3Bucket, Rules.S3_BUCKET, "--s3-bucket", "a valid S3 bucket name");
        if (o.s3Key != null && o.s3Bucket == null) {
            throw new JavezeException("--s3-key needs --s3-bucket");
        }
        if (o.s3Key != null && (o.s3Key.isEmpty() || o.s3Key.length() > 1024)) {
            throw new JavezeException("--s3-key must be 1 to 1024 characters");
        }
        if (tags != null) {
            Rules.tags(tags, o.tags != null ? "--tags" : "--tag", o.s3Bucket != null ? 10 : 50);
        }
        TargetRequest.Validated target = new TargetRequest(o.region, o.profile, o.endpointUrl, o.local).validate(null, TargetFlags.CLI);
        if (o.extension) {
            rejectForExtension(o);
        } else if (!o.compatibleRuntimes.isEmpty() || o.internal) {
            throw new JavezeException((o.internal ? "--internal" : "--compatible-runtimes") + " only applies with --extension");
        }

        ProjectPackage project = new ProjectPackage(o.projectDir == null ? Path.of("") : o.projectDir);
        String name = name(o, project);
        LambdaPackage pkg = PackageInspector.inspect(packageZip(o, project, name), o.zip != null ? "--zip" : "package");
        DependencyLayerSpec dependencyLayer = o.dependencyLayer ? dependencyLayer(o, project, name) : null;
        if (dependencyLayer != null) {
            if (layers != null && layers.size() >= 5) {
                throw new JavezeException("--layer: Lambda attaches at most 5 layers, and --dependency-layer adds one: got " + layers.size());
            }
            if (pkg.architecture().equals("x86_64") && !dependencyLayer.pkg().architecture().equals("x86_64")) {
                // the native code is in the jars, now in the layer: they decide, as they would inside the package
                pkg = new LambdaPackage(pkg.zip(), pkg.size(), pkg.codeSha256(), pkg.sha256Hex(), dependencyLayer.pkg().architecture(),
                        pkg.bootstrap(), pkg.extensions(), pkg.handlers());
            }
        }
        if (pkg.size() > Rules.DIRECT_UPLOAD_LIMIT && o.s3Bucket == null) {
            throw new JavezeException("--zip: the package is " + pkg.size() / (1024 * 1024)
                    + " MB; Lambda takes at most 50 MB directly: pass --s3-bucket to upload it through S3");
        }
        String handler = o.extension ? null : handler(o.handler, pkg, runtime);
        boolean custom = runtime != null ? runtime.startsWith("provided") : pkg.bootstrap();
        PackageCheck.verify(pkg.zip(), o.extension || custom ? null : handler);
        List<String> compatibleRuntimes = o.extension ? compatibleRuntimes(o, pkg) : List.of();
        if (Boolean.TRUE.equals(o.snapStart) && (custom || (runtime != null && !FunctionDefinition.supportsSnapStart(runtime)))) {
            throw new JavezeException("--snap-start needs a Java 11+ managed runtime (java17, java21, ...), got "
                    + (runtime != null ? runtime : "a custom runtime (the zip has a bootstrap)"));
        }

        return new DeploySpec(name, pkg, handler, o.handler != null, o.iamRole,
                o.enableFunctionUrl ? FunctionUrlChange.ENABLE : o.disableFunctionUrl ? FunctionUrlChange.DISABLE : FunctionUrlChange.KEEP,
                env, o.mergeEnv, tags, o.extension, compatibleRuntimes, o.internal, layers, o.memory, o.timeout,
                tracing, runtime, o.description, o.alias, o.s3Bucket, o.s3Key, o.logRetention, subnets, securityGroups,
                o.retryAttempts, o.dryRun, format, target, o.snapStart, dependencyLayer);
    }

    private static void rejectForExtension(FunctionDeployOptions o) {
        Map<String, Boolean> functionOnly = new LinkedHashMap<>();
        functionOnly.put("--handler", o.handler != null);
        functionOnly.put("--iam-role", o.iamRole != null);
        functionOnly.put("--enable-function-url", o.enableFunctionUrl);
        functionOnly.put("--disable-function-url", o.disableFunctionUrl);
        functionOnly.put("--env-vars/--env-var/--env-file", o.envVars != null || !o.envVar.isEmpty() || o.envFile != null);
        functionOnly.put("--layer", o.layers != null);
        functionOnly.put("--dependency-layer", o.dependencyLayer);
        functionOnly.put("--memory", o.memory != null);
        functionOnly.put("--timeout", o.timeout != null);
        functionOnly.put("--tracing", o.tracing != null);
        functionOnly.put("--snap-start", o.snapStart != null);
        functionOnly.put("--runtime", o.runtime != null);
        functionOnly.put("--alias", o.alias != null);
        functionOnly.put("--log-retention", o.logRetention != null);
        functionOnly.put("--subnet-ids/--security-group-ids", o.subnetIds != null || o.securityGroupIds != null);
        functionOnly.put("--retry-attempts", o.retryAttempts != null);
        functionOnly.forEach((flag, given) -> {
            if (given) {
                throw new JavezeException(flag + " does not apply to --extension (a layer has no function configuration)");
            }
        });
    }

    private static String name(FunctionDeployOptions o, ProjectPackage project) {
        String name = o.name;
        if (name == null) {
            if (!project.exists()) {
                throw new JavezeException("no function name: pass NAME, or run in the Maven project whose artifact id names it");
            }
            name = project.artifactId();
        }
        Rules.matches(name, o.extension ? Rules.LAYER_NAME : Rules.FUNCTION_NAME, "NAME",
                "a valid " + (o.extension ? "layer" : "function") + " name (letters, digits, - or _, at most " + (o.extension ? 140 : 64) + ")");
        return name;
    }

    private static Path packageZip(FunctionDeployOptions o, ProjectPackage project, String name) {
        if (o.zip != null) {
            return o.zip.toAbsolutePath();
        }
        return project.write(name, () -> jars(o, project), o.include, !o.dependencyLayer);
    }

    /** Written after the package, which checks the project is built; null when the project has no dependency jars. */
    private static DependencyLayerSpec dependencyLayer(FunctionDeployOptions o, ProjectPackage project, String name) {
        List<Path> jars = jars(o, project);
        if (jars.isEmpty()) {
            return null;
        }
        ProjectPackage.LayerZip layer = project.writeLayer(name, jars);
        LambdaPackage zip = PackageInspector.inspect(layer.zip(), "--dependency-layer");
        if (zip.size() > Rules.DIRECT_UPLOAD_LIMIT && o.s3Bucket == null) {
            throw new JavezeException("--dependency-layer: the layer is " + zip.size() / (1024 * 1024)
                    + " MB; Lambda takes at most 50 MB directly: pass --s3-bucket to upload it through S3");
        }
        return new DependencyLayerSpec(DependencyLayers.layerName(name), layer.digest(), zip);
    }

    private static List<Path> jars(FunctionDeployOptions o, ProjectPackage project) {
        if (o.dependencyJars == null) {
            o.dependencyJars = project.resolveJars(); // asked of Maven once, for the package and the layer
        }
        return o.dependencyJars;
    }

    /** Comma-separated VPC ids, e.g. subnet-0abc,subnet-0def; null when not given. */
    private static List<String> ids(String given, String flag, String prefix, int max) {
        if (given == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (String id : given.split(",")) {
            String trimmed = id.trim();
            if (!trimmed.matches(prefix + "[0-9a-f]{8,17}")) {
                throw new JavezeException(flag + ": \"" + trimmed + "\" is not an id like " + prefix + "0123456789abcdef0");
            }
            if (!ids.contains(trimmed)) ids.add(trimmed);
        }
        if (ids.size() > max) {
            throw new JavezeException(flag + ": at most " + max + " ids, got " + ids.size());
        }
        return ids;
    }

    private static String handler(String given, LambdaPackage pkg, String runtime) {
        boolean custom = runtime != null ? runtime.startsWith("provided") : pkg.bootstrap();
        if (given != null) {
            if (!custom && !given.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?")) {
                throw new JavezeException("--handler: \"" + given + "\" is not package.Class::method");
            }
            if (given.length() > 128) {
                throw new JavezeException("--handler must be at most 128 characters");
            }
            return given;
        }
        if (custom) {
            return "bootstrap";
        }
        if (pkg.handlers().size() == 1) {
            return pkg.handlers().get(0);
        }
        if (pkg.handlers().isEmpty()) {
            throw new JavezeException("--handler: no RequestHandler or RequestStreamHandler class in " + pkg.zip().getFileName()
                    + ": pass --handler package.Class::method");
        }
        throw new JavezeException("--handler: " + pkg.handlers().size() + " handler classes in " + pkg.zip().getFileName()
                + " (" + String.join(", ", pkg.handlers()) + "): pass --handler to choose one");
    }

    private static List<String> compatibleRuntimes(FunctionDeployOptions o, LambdaPackage pkg) {
        List<String> runtimes = new ArrayList<>();
        for (String item : o.compatibleRuntimes) {
            for (String r : item.split(",")) {
                runtimes.add(runtime(r.trim(), "--compatible-runtimes"));
            }
        }
        if (runtimes.isEmpty()) {
            // An internal extension runs inside the Java runtime's process; an external one is an executable any runtime starts.
            runtimes.addAll(JAVA_RUNTIMES);
            if (!o.internal) {
                runtimes.add(Runtime.PROVIDED_AL2023.toString());
            }
        }
        if (runtimes.size() > 15) {
            throw new JavezeException("--compatible-runtimes: at most 15 runtimes, got " + runtimes.size());
        }
        if (!o.internal && !pkg.extensions()) {
            throw new JavezeException("--extension: " + pkg.zip().getFileName()
                    + " has no extensions/ directory; an external extension's executable goes in extensions/ (or pass --internal)");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(runtimes));
    }

    private static Map<String, String> environment(FunctionDeployOptions o) {
        Map<String, String> env = null;
        if (o.envFile != null) {
            env = new LinkedHashMap<>(KeyValues.file(o.envFile, "--env-file"));
            Rules.environment(env, "--env-file " + o.envFile);
        }
        Map<String, String> flags = o.envVars != null ? KeyValues.commaSeparated(o.envVars, "--env-vars")
                : !o.envVar.isEmpty() ? KeyValues.repeated(o.envVar, "--env-var") : null;
        if (flags != null) {
            Rules.environment(flags, o.envVars != null ? "--env-vars" : "--env-var");
            env = env == null ? new LinkedHashMap<>() : env;
            env.putAll(flags);
        }
        if (env != null) {
            Rules.environment(env, "--env-file/--env-vars");
        }
        return env;
    }

    private static Map<String, String> tags(FunctionDeployOptions o) {
        if (o.tags != null) {
            return KeyValues.commaSeparated(o.tags, "--tags");
        }
        return o.tag.isEmpty() ? null : KeyValues.repeated(o.tag, "--tag");
    }

    private static List<String> layers(List<String> given) {
        List<String> layers = new ArrayList<>();
        for (String item : given) {
            for (String arn : item.split(",")) {
                Rules.matches(arn.trim(), Rules.LAYER_VERSION_ARN, "--layer",
                        "a layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION)");
                layers.add(arn.trim());
            }
        }
        if (layers.size() > 5) {
            throw new JavezeException("--layer: Lambda attaches at most 5 layers, got " + layers.size());
        }
        return List.copyOf(layers);
    }

    private static String tracing(String given) {
        if (given == null) {
            return null;
        }
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "active" -> "Active";
            case "passthrough" -> "PassThrough";
            default -> throw new JavezeException("--tracing must be active or passthrough, got \"" + given + "\"");
        };
    }

    private static String runtime(String given, String flag) {
        if (given == null) {
            return null;
        }
        Runtime runtime = Runtime.fromValue(given);
        if (runtime == null || runtime == Runtime.UNKNOWN_TO_SDK_VERSION) {
            throw new JavezeException(flag + ": unknown runtime \"" + given + "\" (Java: " + String.join(", ", JAVA_RUNTIMES)
                    + "; custom: provided.al2023, provided.al2)");
        }
        return runtime.toString();
    }

    private static OutputFormat outputFormat(String given) {
        if (given == null) {
            return OutputFormat.TEXT;
        }
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "text" -> OutputFormat.TEXT;
            case "json" -> OutputFormat.JSON;
            default -> throw new JavezeException("--output-format must be text or json, got \"" + given + "\"");
        };
    }

    private static Set<String> javaRuntimes() {
        Set<String> java = new TreeSet<>();
        for (Runtime r : Runtime.knownValues()) {
            String v = r.toString();
            if (v.matches("java\\d+") && Integer.parseInt(v.substring(4)) >= 17) {
                java.add(v);
            }
        }
        return java;
    }
}
