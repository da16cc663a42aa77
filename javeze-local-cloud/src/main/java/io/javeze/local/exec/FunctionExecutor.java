package io.javeze.local.exec;

/**
 * Runs functions the way Lambda does: each instance a JVM with AWS's runtime interface client talking to a
 * Runtime API served here; warm instances reused, idle ones stopped, more started under concurrent load.
 */
public interface FunctionExecutor extends AutoCloseable {

    /**
     * Invokes synchronously (RequestResponse). Never throws for what the function does: a crash, a timeout,
     * a bad package or a missing handler come back as a failed {@link InvocationResult} with Lambda's error shape.
     */
    InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId);

    /** Stops every instance of the function: its code or configuration changed, or it was deleted. */
    void evict(String functionArn);

    /**
     * Stops the instances of one version of the function: {@code $LATEST} after its code or configuration changed, a
     * published version once no alias serves it. A published version never changes, so its warm instances serve its
     * alias until the alias moves.
     */
    default void evict(String functionArn, String version) {
        evict(functionArn);
    }

    /**
     * Starts one instance of a function version in the background, unless it has one, so that the first request after
     * a deploy finds it initialized. {@code current} is read when the start begins (null: nothing to start), so a
     * start queued before an update starts the updated code; an invocation never uses an instance of other code.
     */
    default void prestart(java.util.function.Supplier<FunctionRuntimeConfig> current) {
    }

    /** The isolation of function instances from the host, or null when functions do not run as processes (test doubles). */
    default Isolation isolation() {
        return null;
    }

    @Override
    void close();
}
