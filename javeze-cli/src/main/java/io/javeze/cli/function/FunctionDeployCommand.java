package io.javeze.cli.function;

import io.javeze.function.DeployResult;
import io.javeze.function.DeploySpec;
import io.javeze.function.FunctionDeploy;
import io.javeze.function.FunctionDeployOptions;
import io.javeze.function.PomConfiguration;
import io.javeze.function.ResultPrinter;
import io.javeze.aws.TargetRequest;
import io.javeze.cli.deploy.TargetOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Deploy one Lambda function (or, with --extension, one Lambda extension layer): create it, or update just what"
                    + " changed. AWS is the state: there is no state file, and unchanged code is not uploaded again.",
            "The package is --zip, else the Maven project in --project (default: here) as classes + lib/ jars"
                    + " (build it first with mvn package).",
            "Settings not given as flags are read from the javeze-maven-plugin's <configuration> in the project's pom.xml"
                    + " (the same names as mvn javeze:deploy-function), then from its javeze.* properties."})
public final class FunctionDeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Function (or layer) name; default: the project's artifact id.")
    String name;

    @Option(names = "--project", paramLabel = "DIR", description = "Maven project to package when no --zip is given (default: current directory).")
    Path project;

    @Option(names = "--zip", paramLabel = "PATH", description = "Deploy this Lambda zip instead of packaging the project.")
    Path zip;

    @Option(names = "--handler", paramLabel = "CLASS::METHOD",
            description = "package.Class::method; default: the only RequestHandler/RequestStreamHandler in the package (bootstrap for custom runtimes).")
    String handler;

    @Option(names = {"--iam-role", "--role"}, paramLabel = "ARN",
            description = "Execution role. Default on create: javeze-fn-NAME with AWSLambdaBasicExecutionRole, created if missing. On update, changed only when given.")
    String iamRole;

    @Option(names = {"--memory", "--memory-size"}, paramLabel = "MB", description = "Memory, 128-10240 MB (default on create: 512).")
    Integer memory;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Timeout, 1-900 s (default on create: 30).")
    Integer timeout;

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "Lambda runtime, e.g. java21, java17, provided.al2023 (default on create: java21, or provided.al2023 when the zip has a bootstrap).")
    String runtime;

    @Option(names = "--tracing", paramLabel = "MODE", description = "X-Ray tracing: active or passthrough.")
    String tracing;

    @Option(names = "--snap-start", negatable = true,
            description = "Lambda SnapStart on published versions (--alias/--description publish one); --no-snap-start turns it off. Java 11+ runtimes.")
    Boolean snapStart;

    @Option(names = "--env-vars", paramLabel = "K=V[,K=V...]", description = "Environment variables (replace the remote ones unless --merge-env).")
    String envVars;

    @Option(names = "--env-var", paramLabel = "K=V", description = "One environment variable; repeatable. Not combinable with --env-vars.")
    List<String> envVar = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "KEY=VALUE lines (# comments and blank lines allowed); flags win over the file.")
    Path envFile;

    @Option(names = "--merge-env", description = "Keep environment variables already set remotely; given ones are added or replaced.")
    boolean mergeEnv;

    @Option(names = "--tags", paramLabel = "k=v[,k=v...]", description = "Tags for the function, and for the S3 object when the code goes through S3.")
    String tags;

    @Option(names = "--tag", paramLabel = "k=v", description = "One tag; repeatable. Not combinable with --tags.")
    List<String> tag = new ArrayList<>();

    @Option(names = {"--layer", "--layer-arn"}, paramLabel = "ARN", description = "Layer version ARN to attach; repeatable or comma-separated. Replaces the attached layers.")
    List<String> layers;

    @Option(names = "--dependency-layer",
            description = "Put the project's dependency jars in a layer of their own, NAME-dependencies, published only when they change"
                    + " (found by their digest), and attach it; the package then holds only the project's classes.")
    boolean dependencyLayer;

    @Option(names = "--enable-function-url", description = "Create a public function URL (auth NONE) with the permissions it needs, and print it.")
    boolean enableFunctionUrl;

    @Option(names = "--disable-function-url", description = "Delete the function URL and its public permissions.")
    boolean disableFunctionUrl;

    @Option(names = "--description", paramLabel = "TEXT", description = "Publish a version with this description.")
    String description;

    @Option(names = {"--alias", "--qualifier"}, paramLabel = "NAME", description = "Publish a version and create or move this alias to it.")
    String alias;

    @Option(names = "--log-retention", paramLabel = "DAYS", description = "Keep the function's CloudWatch logs this many days (1, 3, 5, 7, 14, 30, ... 3653).")
    Integer logRetention;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "Upload the code through this S3 bucket (needed above 50 MB).")
    String s3Bucket;

    @Option(names = "--s3-key", paramLabel = "KEY", description = "S3 key for the code (default: NAME/SHA256.zip).")
    String s3Key;

    @Option(names = "--extension", description = "Publish the package as a Lambda layer (an extension) instead of deploying a function.")
    boolean extension;

    @Option(names = "--internal", description = "With --extension: an internal extension (runs in the Java runtime's process); default: external (extensions/ executable).")
    boolean internal;

    @Option(names = "--compatible-runtimes", paramLabel = "RUNTIME[,RUNTIME...]",
            description = "With --extension: runtimes the layer supports (default: the Java runtimes, plus provided.al2023 for external extensions).")
    List<String> compatibleRuntimes = new ArrayList<>();

    @Option(names = "--include", paramLabel = "PATH",
            description = "Add this file or directory (relative to the project) to the package; repeatable. Not with --zip.")
    List<Path> include = new ArrayList<>();

    @Option(names = "--subnet-ids", paramLabel = "ID[,ID...]", description = "Run the function in these VPC subnets (with --security-group-ids).")
    String subnetIds;

    @Option(names = "--security-group-ids", paramLabel = "ID[,ID...]", description = "The VPC security groups (with --subnet-ids).")
    String securityGroupIds;

    @Option(names = "--retry-attempts", paramLabel = "N", description = "Retries of a failed asynchronous invocation, 0-2 (Lambda's default: 2).")
    Integer retryAttempts;

    @Option(names = {"--dry-run", "--dry"}, description = "Validate and show what would change, without changing anything.")
    boolean dryRun;

    @Option(names = {"-o", "--output", "--output-format"}, paramLabel = "FORMAT", description = "text (default) or json.")
    String outputFormat;

    @Mixin
    TargetOptions target;

    @Option(names = {"-v", "--verbose"}, description = "Print each change as it is made, and stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() {
        FunctionDeployOptions o = options();
        FunctionDeploy deploy = new FunctionDeploy();
        DeploySpec spec = deploy.validate(o);
        PrintWriter err = command.commandLine().getErr();
        DeployResult result = deploy.deploy(spec, verbose ? change -> err.println("... " + change) : change -> {},
                TargetOptions::startLocalCloud);
        result.warnings().forEach(w -> err.println("warning: " + w));
        command.commandLine().getOut().println(ResultPrinter.render(result, spec.outputFormat()));
        return 0;
    }

    FunctionDeployOptions options() {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.name = name;
        o.projectDir = project;
        o.zip = zip;
        o.handler = handler;
        o.iamRole = iamRole;
        o.enableFunctionUrl = enableFunctionUrl;
        o.disableFunctionUrl = disableFunctionUrl;
        o.envVars = envVars;
        o.envVar = envVar;
        o.envFile = envFile;
        o.mergeEnv = mergeEnv;
        o.tags = tags;
        o.tag = tag;
        o.extension = extension;
        o.compatibleRuntimes = compatibleRuntimes;
        o.internal = internal;
        o.layers = layers;
        o.dependencyLayer = dependencyLayer;
        o.memory = memory;
        o.timeout = timeout;
        o.tracing = tracing;
        o.snapStart = snapStart;
        o.runtime = runtime;
        o.description = description;
        o.alias = alias;
        o.s3Bucket = s3Bucket;
        o.s3Key = s3Key;
        o.logRetention = logRetention;
        o.include = include;
        o.subnetIds = subnetIds;
        o.securityGroupIds = securityGroupIds;
        o.retryAttempts = retryAttempts;
        o.dryRun = dryRun;
        o.outputFormat = outputFormat;
        TargetRequest where = target.request();
        o.region = where.region();
        o.profile = where.profile();
        o.endpointUrl = where.endpointUrl();
        o.local = where.local();
        // the javeze-maven-plugin's <configuration> in pom.xml, as cargo-lambda reads Cargo.toml; the flags above win
        PomConfiguration.read(o.projectDir).applyTo(o);
        return o;
    }
}
