package io.javeze.function;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked for, as typed: the CLI and the Maven plugin fill this in, {@link DeployValidator} checks it.
 * A null field means "not given": on update the remote setting is left as it is.
 */
public final class FunctionDeployOptions {
    /** Function (or layer, with {@link #extension}) name; default: the Maven project's artifact id. */
    public String name;
    /** The Maven project to package when no {@link #zip} is given; default: the current directory. */
    public Path projectDir;
    /** Any Lambda zip; default: the project packaged as classes + lib/ dependencies. */
    public Path zip;
    /** Runtime dependency jars of the project; null means "ask Maven" (the CLI); the Maven plugin passes them. */
    public List<Path> dependencyJars;
    public String handler;
    public String iamRole;
    public boolean enableFunctionUrl;
    public boolean disableFunctionUrl;
    /** {@code K=V,K2=V2}. */
    public String envVars;
    /** Repeated {@code K=V}. */
    public List<String> envVar = new ArrayList<>();
    public Path envFile;
    public boolean mergeEnv;
    /** {@code k=v,k2=v2}. */
    public String tags;
    /** Repeated {@code k=v}. */
    public List<String> tag = new ArrayList<>();
    public boolean extension;
    /** Each entry may itself be comma-separated. */
    public List<String> compatibleRuntimes = new ArrayList<>();
    public boolean internal;
    /** Layer ARNs; each entry may itself be comma-separated. Null: leave the attached layers alone. */
    public List<String> layers;
    /** The project's dependency jars in a layer of their own ({@code NAME-dependencies}), published only when they change. */
    public boolean dependencyLayer;
    public Integer memory;
    public Integer timeout;
    public String tracing;
    /** Lambda SnapStart on published versions: true PublishedVersions, false None, null leaves it. */
    public Boolean snapStart;
    public String runtime;
    public String description;
    public String alias;
    public String s3Bucket;
    public String s3Key;
    public Integer logRetention;
    /** Extra files or directories added to the project package, at their path relative to the project. */
    public List<Path> include = new ArrayList<>();
    /** VPC subnets, comma-separated; with {@link #securityGroupIds}. */
    public String subnetIds;
    /** VPC security groups, comma-separated; with {@link #subnetIds}. */
    public String securityGroupIds;
    /** How often Lambda retries a failed asynchronous invocation, 0-2. */
    public Integer retryAttempts;
    public boolean dryRun;
    public String outputFormat;
    public String region;
    public String profile;
    public String endpointUrl;
    public boolean local;
}
