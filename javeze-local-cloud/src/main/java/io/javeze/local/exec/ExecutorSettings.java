package io.javeze.local.exec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the local cloud runs functions.
 *
 * @param workDir                 where packages and layers are unpacked (a cache keyed by code hash)
 * @param awsEndpoint             the local cloud's endpoint, given to functions as {@code AWS_ENDPOINT_URL}
 * @param idleTimeout             an instance idle this long is stopped
 * @param maxInstancesPerFunction concurrent instances per function version; more requests wait for one to free up
 * @param jvmFlags                extra flags for Java runtimes, after the memory-derived heap limits
 * @param environment             where {@code JAVEZE_JAVA<N>_HOME} overrides and {@code PATH} (to find bwrap) are read
 *                                (normally the process environment)
 * @param isolation               whether instances run in a sandbox
 * @param prestart                start one instance of a function version as soon as it is deployed (see
 *                                {@link FunctionExecutor#prestart}), so that its first request finds it initialized
 */
public record ExecutorSettings(Path workDir, URI awsEndpoint, Duration idleTimeout, int maxInstancesPerFunction,
                               List<String> jvmFlags, Map<String, String> environment, IsolationMode isolation,
                               boolean prestart) {

    /** Flags that cut start time and resident memory of small functions; see bench/local-cloud for measurements. */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss512k",
            "-XX:CICompilerCount=1", "-XX:-UsePerfData", "-Xms8m");

    public ExecutorSettings {
        if (maxInstancesPerFunction < 1) {
            throw new IllegalArgumentException("maxInstancesPerFunction must be at least 1, got " + maxInstancesPerFunction);
        }
        jvmFlags = List.copyOf(jvmFlags);
        environment = Map.copyOf(environment);
        java.util.Objects.requireNonNull(isolation, "isolation");
    }

    public static ExecutorSettings defaults(Path workDir, URI awsEndpoint) {
        return new ExecutorSettings(workDir, awsEndpoint, Duration.ofMinutes(5), defaultMaxInstances(), DEFAULT_JVM_FLAGS,
                System.getenv(), IsolationMode.AUTO, true);
    }

    /**
     * One instance per core (at least two): more JVMs than cores only compete for CPU and memory on a developer
     * machine, so further concurrent requests wait for a warm instance instead. {@code JAVEZE_MAX_INSTANCES} overrides.
     */
    static int defaultMaxInstances() {
        String override = System.getenv("JAVEZE_MAX_INSTANCES");
        if (override != null && override.matches("[1-9][0-9]{0,3}")) {
            return Integer.parseInt(override);
        }
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    public ExecutorSettings withIdleTimeout(Duration timeout) {
        return new ExecutorSettings(workDir, awsEndpoint, timeout, maxInstancesPerFunction, jvmFlags, environment, isolation, prestart);
    }

    public ExecutorSettings withMaxInstancesPerFunction(int max) {
        return new ExecutorSettings(workDir, awsEndpoint, idleTimeout, max, jvmFlags, environment, isolation, prestart);
    }

    public ExecutorSettings withJvmFlags(List<String> flags) {
        return new ExecutorSettings(workDir, awsEndpoint, idleTimeout, maxInstancesPerFunction, flags, environment, isolation, prestart);
    }

    public ExecutorSettings withIsolation(IsolationMode mode) {
        return new ExecutorSettings(workDir, awsEndpoint, idleTimeout, maxInstancesPerFunction, jvmFlags, environment, mode, prestart);
    }

    public ExecutorSettings withPrestart(boolean on) {
        return new ExecutorSettings(workDir, awsEndpoint, idleTimeout, maxInstancesPerFunction, jvmFlags, environment, isolation, on);
    }
}
