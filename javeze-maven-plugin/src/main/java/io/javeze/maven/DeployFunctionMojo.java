package io.javeze.maven;

import io.javeze.aws.AwsErrors;
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
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import software.amazon.awssdk.core.exception.SdkException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code mvn javeze:deploy-function}: {@code javeze function deploy} with its settings in the POM's
 * {@code <configuration>} (the Java counterpart of cargo-lambda's {@code [package.metadata.lambda.deploy]}).
 * A {@code -Djaveze.NAME=value} on the command line overrides the POM for every setting; maps and lists take
 * the flag syntax ({@code -Djaveze.env=K=V,K2=V2}, {@code -Djaveze.layers=ARN,ARN}).
 * Deploys {@code target/classes} with the runtime dependencies under {@code lib/}: run after {@code package}
 * or {@code compile} ({@code mvn package javeze:deploy-function}), or point {@code zip} at any Lambda zip.
 */
@Mojo(name = "deploy-function", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DeployFunctionMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** Function (or layer) name; default: the artifact id. */
    @Parameter
    String name;
    /** Any Lambda zip to deploy instead of the project. */
    @Parameter
    File zip;
    @Parameter
    String handler;
    /** Execution role ARN ({@code --iam-role}); default on create: a role javeze creates. */
    @Parameter
    String role;
    @Parameter
    Integer memory;
    @Parameter
    Integer timeout;
    @Parameter
    String runtime;
    /** active or passthrough. */
    @Parameter
    String tracing;
    /** Environment variables, {@code <env><KEY>value</KEY></env>}. */
    @Parameter
    Map<String, String> env;
    @Parameter
    File envFile;
    @Parameter
    boolean mergeEnv;
    @Parameter
    Map<String, String> tags;
    /** Layer version ARNs to attach. */
    @Parameter
    List<String> layers;
    @Parameter
    boolean enableFunctionUrl;
    @Parameter
    boolean disableFunctionUrl;
    /** Publishes a version with this description. */
    @Parameter
    String description;
    @Parameter
    String alias;
    @Parameter
    Integer logRetention;
    @Parameter
    String s3Bucket;
    @Parameter
    String s3Key;
    @Parameter
    boolean extension;
    @Parameter
    boolean internal;
    @Parameter
    List<String> compatibleRuntimes;
    @Parameter
    boolean dryRun;
    /** text or json. */
    @Parameter
    String outputFormat;
    @Parameter
    String region;
    @Parameter
    String profile;
    @Parameter
    String endpointUrl;
    /** Deploy to javeze's local cloud. */
    @Parameter
    boolean local;
    @Parameter
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (bool("skip", skip)) {
            getLog().info("javeze:deploy-function skipped");
            return;
        }
        try {
            FunctionDeploy deploy = new FunctionDeploy();
            DeploySpec spec = deploy.validate(options());
            DeployResult result = deploy.deploy(spec, change -> getLog().info("  " + change));
            result.warnings().forEach(w -> getLog().warn(w));
            for (String line : ResultPrinter.render(result, spec.outputFormat()).split("\n")) {
                getLog().info(line);
            }
        } catch (JavezeException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SdkException e) {
            throw new MojoFailureException(AwsErrors.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("javeze:deploy-function failed: " + e, e);
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
        String envOverride = user("env");
        if (envOverride != null) {
            o.envVars = envOverride;
        } else if (env != null && !env.isEmpty()) {
            o.envVar = pairs(env);
        }
        o.envFile = path("envFile", envFile);
        o.mergeEnv = bool("mergeEnv", mergeEnv);
        String tagsOverride = user("tags");
        if (tagsOverride != null) {
            o.tags = tagsOverride;
        } else if (tags != null && !tags.isEmpty()) {
            o.tag = pairs(tags);
        }
        String layersOverride = user("layers");
        o.layers = layersOverride != null ? List.of(layersOverride) : layers;
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
        o.dryRun = bool("dryRun", dryRun);
        o.outputFormat = text("outputFormat", outputFormat);
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

    private String text(String key, String configured) {
        String override = user(key);
        return override != null ? override : configured;
    }

    private boolean bool(String key, boolean configured) {
        String override = user(key);
        return override != null ? override.isEmpty() || Boolean.parseBoolean(override) : configured;
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
