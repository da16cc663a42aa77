package io.javeze.maven;

import io.javeze.config.JavezeException;
import io.javeze.function.DeployResult;
import io.javeze.function.DeploySpec;
import io.javeze.function.FunctionDeploy;
import io.javeze.function.FunctionDeployOptions;
import io.javeze.function.ResultPrinter;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn javeze:deploy-function}: {@code javeze function deploy} with its settings in the POM's
 * {@code <configuration>} (the Java counterpart of cargo-lambda's {@code [package.metadata.lambda.deploy]}).
 * A {@code -Djaveze.NAME=value} on the command line overrides the POM for every setting; maps and lists take
 * the flag syntax ({@code -Djaveze.env=K=V,K2=V2}, {@code -Djaveze.layers=ARN,ARN}).
 * Deploys {@code target/classes} with the runtime dependencies under {@code lib/}: run after {@code package}
 * or {@code compile} ({@code mvn package javeze:deploy-function}), or point {@code zip} at any Lambda zip.
 */
@Mojo(name = "deploy-function", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DeployFunctionMojo extends JavezeMojo {
    /** Function (or layer, with {@code extension}) name; default: the artifact id. */
    @Parameter(property = "javeze.name")
    String name;
    /** Any Lambda zip to deploy instead of the project's classes and runtime dependencies. */
    @Parameter(property = "javeze.zip")
    File zip;
    /** Handler, {@code package.Class::method}; default: the only RequestHandler/RequestStreamHandler in the package. */
    @Parameter(property = "javeze.handler")
    String handler;
    /** Execution role ARN ({@code --iam-role}); default on create: a role javeze creates. */
    @Parameter(property = "javeze.role")
    String role;
    /** Memory, 128-10240 MB (default on create: 512). */
    @Parameter(property = "javeze.memory")
    Integer memory;
    /** Timeout, 1-900 s (default on create: 30). */
    @Parameter(property = "javeze.timeout")
    Integer timeout;
    /** Lambda runtime, e.g. java21, java17, provided.al2023 (default on create: java21, or provided.al2023 when the zip has a bootstrap). */
    @Parameter(property = "javeze.runtime")
    String runtime;
    /** X-Ray tracing: active or passthrough. */
    @Parameter(property = "javeze.tracing")
    String tracing;
    /**
     * Lambda SnapStart on published versions ({@code alias} or {@code description} publish one): true turns it on,
     * false off ({@code --snap-start}/{@code --no-snap-start}); unset leaves the function's setting as it is. Java 11+ runtimes.
     */
    @Parameter(property = "javeze.snapStart")
    Boolean snapStart;
    /**
     * Environment variables, {@code <env><KEY>value</KEY></env>}. Maven cannot set a map from a property, so the
     * command-line and POM-property form is {@code javeze.env=K=V,K2=V2}, which replaces this map.
     */
    @Parameter
    Map<String, String> env;
    /** KEY=VALUE lines (# comments and blank lines allowed); the other settings win over the file. */
    @Parameter(property = "javeze.envFile")
    File envFile;
    /** Keep environment variables already set remotely; given ones are added or replaced. */
    @Parameter(property = "javeze.mergeEnv", defaultValue = "false")
    boolean mergeEnv;
    /** Tags, {@code <tags><team>web</team></tags>}; as a property: {@code javeze.tags=k=v,k2=v2}, which replaces this map. */
    @Parameter
    Map<String, String> tags;
    /** Layer version ARNs to attach, replacing the attached ones ({@code -Djaveze.layers=ARN,ARN}). */
    @Parameter(property = "javeze.layers")
    List<String> layers;
    /**
     * The project's dependency jars in a layer of their own ({@code NAME-dependencies}), published only when they change,
     * and attached to the function; the package then holds only the project's classes ({@code --dependency-layer}).
     */
    @Parameter(property = "javeze.dependencyLayer", defaultValue = "false")
    boolean dependencyLayer;
    /** Create a public function URL (auth NONE) with the permissions it needs, and print it. */
    @Parameter(property = "javeze.enableFunctionUrl", defaultValue = "false")
    boolean enableFunctionUrl;
    /** Delete the function URL and its public permissions. */
    @Parameter(property = "javeze.disableFunctionUrl", defaultValue = "false")
    boolean disableFunctionUrl;
    /** Publishes a version with this description. */
    @Parameter(property = "javeze.description")
    String description;
    /** Publish a version and create or move this alias to it. */
    @Parameter(property = "javeze.alias")
    String alias;
    /** Days to keep the function's CloudWatch logs. */
    @Parameter(property = "javeze.logRetention")
    Integer logRetention;
    /** Upload the code through this S3 bucket (needed above 50 MB). */
    @Parameter(property = "javeze.s3Bucket")
    String s3Bucket;
    /** S3 key for the code (default: NAME/SHA256.zip). */
    @Parameter(property = "javeze.s3Key")
    String s3Key;
    /** Publish the zip as a Lambda layer (extension) instead of a function. */
    @Parameter(property = "javeze.extension", defaultValue = "false")
    boolean extension;
    /** With {@code extension}: an internal extension (runs in the Java runtime's process); default: external. */
    @Parameter(property = "javeze.internal", defaultValue = "false")
    boolean internal;
    /** With {@code extension}: runtimes the layer declares ({@code -Djaveze.compatibleRuntimes=java17,java21}). */
    @Parameter(property = "javeze.compatibleRuntimes")
    List<String> compatibleRuntimes;
    /** Files or directories (relative to the project) added to the package ({@code -Djaveze.include=conf,data/x.bin}). */
    @Parameter(property = "javeze.include")
    List<File> include;
    /** VPC subnet ids, comma-separated (with {@code securityGroupIds}). */
    @Parameter(property = "javeze.subnetIds")
    String subnetIds;
    /** VPC security group ids, comma-separated (with {@code subnetIds}). */
    @Parameter(property = "javeze.securityGroupIds")
    String securityGroupIds;
    /** Retries of a failed asynchronous invocation, 0-2 (Lambda's default: 2). */
    @Parameter(property = "javeze.retryAttempts")
    Integer retryAttempts;
    /** Print what would change and change nothing. */
    @Parameter(property = "javeze.dryRun", defaultValue = "false")
    boolean dryRun;
    /** Result format: text or json. */
    @Parameter(property = "javeze.output")
    String output;
    /** AWS region; default: the AWS region chain. */
    @Parameter(property = "javeze.region")
    String region;
    /** Named profile from the AWS shared config files. */
    @Parameter(property = "javeze.profile")
    String profile;
    /** Send every AWS call to this AWS-compatible endpoint (with {@code local}: that local cloud). */
    @Parameter(property = "javeze.endpointUrl")
    String endpointUrl;
    /** Deploy to javeze's local cloud on http://127.0.0.1:4566, started in the background when none answers. */
    @Parameter(property = "javeze.local", defaultValue = "false")
    boolean local;

    @Override
    void run() {
        FunctionDeploy deploy = new FunctionDeploy();
        DeploySpec spec = deploy.validate(options());
        DeployResult result = deploy.deploy(spec, change -> getLog().info("  " + change), LocalCloudOnDemand::start);
        result.warnings().forEach(w -> getLog().warn(w));
        for (String line : ResultPrinter.render(result, spec.outputFormat()).split("\n")) {
            getLog().info(line);
        }
    }

    FunctionDeployOptions options() {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.projectDir = project.getBasedir().toPath();
        o.name = text("name", name != null ? name : project.getArtifactId());
        o.zip = path("zip", zip);
        if (o.zip == null) {
            o.dependencyJars = RuntimeJars.of(project);
        }
        o.handler = text("handler", handler);
        o.iamRole = text("role", role);
        o.memory = integer("memory", memory);
        o.timeout = integer("timeout", timeout);
        o.runtime = text("runtime", runtime);
        o.tracing = text("tracing", tracing);
        o.snapStart = optionalBool("snapStart", snapStart);
        String envOverride = property("env");
        if (envOverride != null) {
            o.envVars = envOverride;
        } else if (env != null && !env.isEmpty()) {
            o.envVar = pairs(env);
        }
        o.envFile = path("envFile", envFile);
        o.mergeEnv = bool("mergeEnv", mergeEnv);
        String tagsOverride = property("tags");
        if (tagsOverride != null) {
            o.tags = tagsOverride;
        } else if (tags != null && !tags.isEmpty()) {
            o.tag = pairs(tags);
        }
        String layersOverride = user("layers");
        o.layers = layersOverride != null ? List.of(layersOverride) : layers;
        o.dependencyLayer = bool("dependencyLayer", dependencyLayer);
        o.enableFunctionUrl = bool("enableFunctionUrl", enableFunctionUrl);
        o.disableFunctionUrl = bool("disableFunctionUrl", disableFunctionUrl);
        o.description = text("description", description);
        o.alias = text("alias", alias);
        o.logRetention = integer("logRetention", logRetention);
        o.s3Bucket = text("s3Bucket", s3Bucket);
        o.s3Key = text("s3Key", s3Key);
        o.extension = bool("extension", extension);
        o.internal = bool("internal", internal);
        String runtimesOverride = user("compatibleRuntimes");
        o.compatibleRuntimes = runtimesOverride != null ? List.of(runtimesOverride)
                : compatibleRuntimes != null ? compatibleRuntimes : new ArrayList<>();
        String includeOverride = user("include");
        if (includeOverride != null) {
            for (String p : includeOverride.split(",")) o.include.add(project.getBasedir().toPath().resolve(p.trim()));
        } else if (include != null) {
            include.forEach(f -> o.include.add(f.toPath()));
        }
        o.subnetIds = text("subnetIds", subnetIds);
        o.securityGroupIds = text("securityGroupIds", securityGroupIds);
        o.retryAttempts = integer("retryAttempts", retryAttempts);
        o.dryRun = bool("dryRun", dryRun);
        o.outputFormat = text("output", output);
        o.region = text("region", region);
        o.profile = text("profile", profile);
        o.endpointUrl = text("endpointUrl", endpointUrl);
        o.local = bool("local", local);
        return o;
    }

    private static List<String> pairs(Map<String, String> map) {
        List<String> pairs = new ArrayList<>();
        new LinkedHashMap<>(map).forEach((k, v) -> pairs.add(k + "=" + (v == null ? "" : v)));
        return pairs;
    }

    /** {@code -Djaveze.KEY=...} as given on the command line; it beats the POM. */
    private String user(String key) {
        Properties user = session.getUserProperties();
        return user.getProperty("javeze." + key);
    }

    /** For the maps, which Maven cannot fill from a property: {@code -D} first, then the POM's {@code <properties>}. */
    private String property(String key) {
        String value = user(key);
        return value != null ? value : project.getProperties().getProperty("javeze." + key);
    }

    private String text(String key, String configured) {
        String override = user(key);
        return override != null ? override : configured;
    }

    private boolean bool(String key, boolean configured) {
        String override = user(key);
        return override != null ? override.isEmpty() || Boolean.parseBoolean(override) : configured;
    }

    /** A setting with three states (on, off, leave as it is): {@code -Djaveze.KEY} is true, false or empty (true). */
    private Boolean optionalBool(String key, Boolean configured) {
        String override = user(key);
        if (override == null) {
            return configured;
        }
        String value = override.trim();
        if (value.isEmpty() || value.equalsIgnoreCase("true")) return true;
        if (value.equalsIgnoreCase("false")) return false;
        throw new JavezeException("-Djaveze." + key + ": expected true or false, got \"" + override + "\"");
    }

    private Path path(String key, File configured) {
        String override = user(key);
        if (override != null) {
            return project.getBasedir().toPath().resolve(override);
        }
        return configured == null ? null : configured.toPath();
    }

    private Integer integer(String key, Integer configured) {
        return parse(key, configured, Integer::valueOf);
    }

    private <T> T parse(String key, T configured, Function<String, T> parser) {
        String override = user(key);
        if (override == null) {
            return configured;
        }
        try {
            return parser.apply(override.trim());
        } catch (NumberFormatException e) {
            throw new JavezeException("-Djaveze." + key + ": expected a whole number, got \"" + override + "\"");
        }
    }
}
