package io.javeze.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The contents of {@code javeze.toml}, validated and with defaults applied. Load with {@link ConfigLoader}.
 *
 * @param file        where it was read from, for error messages
 * @param serviceName {@code service_name}
 * @param deployment  {@code [deployment]}
 * @param lambda      {@code [lambda]}: defaults for every function
 * @param cors        {@code [http.cors]}, or null when the HTTP API has no CORS configuration
 * @param openApi     {@code [http] openapi}: whether the app serves its OpenAPI document at {@code GET /openapi.json}
 * @param functions   {@code [functions.NAME]} tables by function name (environment and secrets)
 * @param permissions {@code [resources]}, {@code [[iam.statements]]} and {@code [functions.NAME.iam]}
 */
public record JavezeConfig(Path file, String serviceName, Deployment deployment, LambdaDefaults lambda, HttpCors cors,
                           boolean openApi, Map<String, FunctionSettings> functions, Permissions permissions) {

    public JavezeConfig {
        functions = functions == null ? Map.of() : Map.copyOf(functions);
        if (permissions == null) permissions = Permissions.NONE;
    }

    public JavezeConfig(Path file, String serviceName, Deployment deployment, LambdaDefaults lambda) {
        this(file, serviceName, deployment, lambda, null);
    }

    public JavezeConfig(Path file, String serviceName, Deployment deployment, LambdaDefaults lambda, HttpCors cors) {
        this(file, serviceName, deployment, lambda, cors, false, Map.of(), Permissions.NONE);
    }

    /** The function's {@code [functions.NAME]} settings, empty when it has none. */
    public FunctionSettings settingsFor(String function) {
        return functions.getOrDefault(function, FunctionSettings.none(function));
    }

    /**
     * Every {@code [functions.NAME]} must name a function of the app: a misspelt name would otherwise silently give
     * the function nothing. The error names the table's line.
     */
    public void checkFunctionNames(java.util.Collection<String> appFunctions) {
        for (FunctionSettings f : new java.util.TreeMap<>(functions).values()) {
            if (!appFunctions.contains(f.name())) {
                throw new JavezeException(file + ":" + f.line() + ": [functions." + f.name() + "] names no function of the app; "
                        + (appFunctions.isEmpty() ? "it has none" : "its functions are " + new java.util.TreeSet<>(appFunctions)));
            }
        }
    }

    public static final String FILE_NAME = "javeze.toml";

    public static JavezeConfig load(Path projectDir) {
        return ConfigLoader.load(projectDir.resolve(FILE_NAME));
    }

    /**
     * @param provider only {@code aws}
     * @param region   null when not set (the SDK's region chain decides)
     * @param type     only {@code lambda}
     * @param stage    the stage: its HTTP API's stage and its Lambda alias, default {@code prod}
     * @param keepVersions published function versions kept per stage for rollback (besides those an alias serves)
     */
    public record Deployment(String provider, String region, String type, String stage, int keepVersions) {
        public static final int DEFAULT_KEEP_VERSIONS = 3;

        public Deployment(String provider, String region, String type, String stage) {
            this(provider, region, type, stage, DEFAULT_KEEP_VERSIONS);
        }
    }

    /**
     * This configuration for another stage ({@code --stage}), or itself when {@code stage} is null.
     *
     * @param flag where the stage came from, for the error
     */
    public JavezeConfig withStage(String stage, String flag) {
        if (stage == null) return this;
        String problem = Stages.problem(serviceName, stage);
        if (problem != null) throw new JavezeException(flag + " " + problem);
        Deployment d = deployment;
        return new JavezeConfig(file, serviceName, new Deployment(d.provider(), d.region(), d.type(), stage, d.keepVersions()), lambda, cors,
                openApi, functions, permissions);
    }

    /**
     * @param memorySize       MB, 128..10240
     * @param timeout          seconds, 1..900
     * @param runtime          Lambda runtime identifier, default {@code java21}
     * @param architecture     {@code x86_64} or {@code arm64}: used for packages with no native code
     * @param environment      variables set on every function
     * @param tags             tags on every resource javeze creates
     * @param logRetentionDays CloudWatch Logs retention, or null to keep logs forever
     * @param architectureSet  whether javeze.toml sets {@code architecture}; if not, a package whose native code
     *                         is for one architecture only takes that one instead of the default
     * @param dependencyLayer  whether the dependency jars go into a shared Lambda layer ({@code java/lib/}) instead
     *                         of every function's package; default true
     * @param snapStart        {@code snap_start}: published versions get Lambda SnapStart unless a function's
     *                         annotation says otherwise
     */
    public record LambdaDefaults(
            int memorySize,
            int timeout,
            String runtime,
            String architecture,
            Map<String, String> environment,
            Map<String, String> tags,
            Integer logRetentionDays,
            boolean architectureSet,
            boolean dependencyLayer,
            boolean snapStart) {

        /**
         * AWS's guidance for short-lived Java functions: C1 only, so the JIT costs little during a cold start. Deploy
         * sets it as {@code JAVA_TOOL_OPTIONS} on Java runtimes unless {@code [lambda] environment} sets that variable.
         */
        public static final String DEFAULT_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
        public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

        public LambdaDefaults {
            environment = Map.copyOf(environment);
            tags = Map.copyOf(tags);
        }

        /** Defaults with the dependency layer on and no SnapStart. */
        public LambdaDefaults(int memorySize, int timeout, String runtime, String architecture,
                Map<String, String> environment, Map<String, String> tags, Integer logRetentionDays, boolean architectureSet) {
            this(memorySize, timeout, runtime, architecture, environment, tags, logRetentionDays, architectureSet, true, false);
        }

        public LambdaDefaults withDependencyLayer(boolean on) {
            return new LambdaDefaults(memorySize, timeout, runtime, architecture, environment, tags, logRetentionDays, architectureSet,
                    on, snapStart);
        }

        /**
         * The variables every function gets: {@code environment}, plus {@link #DEFAULT_JAVA_TOOL_OPTIONS} on a Java
         * runtime when {@code environment} does not set {@code JAVA_TOOL_OPTIONS} itself.
         */
        public Map<String, String> functionEnvironment() {
            if (!runtime.startsWith("java") || environment.containsKey(JAVA_TOOL_OPTIONS)) return environment;
            Map<String, String> out = new java.util.TreeMap<>(environment);
            out.put(JAVA_TOOL_OPTIONS, DEFAULT_JAVA_TOOL_OPTIONS);
            return out;
        }

        /** Defaults whose architecture counts as set explicitly. */
        public LambdaDefaults(int memorySize, int timeout, String runtime, String architecture,
                Map<String, String> environment, Map<String, String> tags, Integer logRetentionDays) {
            this(memorySize, timeout, runtime, architecture, environment, tags, logRetentionDays, true, true, false);
        }
    }

    /** A function's SnapStart: its annotation's override ({@code snapStart = ON/OFF}), else {@code [lambda] snap_start}. */
    public boolean snapStartFor(Boolean override) {
        return override != null ? override : lambda.snapStart();
    }

    /** A function's memory: its annotation's override, else the {@code [lambda]} default. */
    public int memoryFor(Integer override) {
        return override != null && override > 0 ? override : lambda.memorySize();
    }

    /** A function's timeout: its annotation's override, else the {@code [lambda]} default. */
    public int timeoutFor(Integer override) {
        return override != null && override > 0 ? override : lambda.timeout();
    }
}
