package io.javeze.deploy.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS operation the deploy's clients send ("Lambda.CreateFunction"), and can simulate a crash:
 * after a set number of writes, every further write fails before it is sent with a non-retryable error.
 */
public final class CallCounter implements ExecutionInterceptor {
    /** The deploy lease's S3 calls are recorded as {@code lease:S3.PutObject}: they are not changes to the app. */
    public static final String LEASE = "lease:";
    private static final String LEASE_BUCKET_PREFIX = "javeze-deploy-";
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int crashAfterWrites = -1;
    private final java.util.concurrent.atomic.AtomicReference<java.util.Map.Entry<String, Runnable>> before =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String bucket = context.request().getValueForField("Bucket", String.class).orElse("");
        if (bucket.startsWith(LEASE_BUCKET_PREFIX)) operation = LEASE + operation;
        var hook = before.get();
        if (hook != null && hook.getKey().equals(operation) && before.compareAndSet(hook, null)) hook.getValue().run();
        if (isWrite(operation) && crashAfterWrites >= 0 && writes().size() >= crashAfterWrites) {
            throw SdkException.builder().message("simulated crash before " + operation).build();
        }
        calls.add(operation);
    }

    public static boolean isWrite(String operation) {
        if (operation.startsWith(LEASE)) return false;
        String op = operation.substring(operation.indexOf('.') + 1);
        return !(op.startsWith("Get") || op.startsWith("List") || op.startsWith("Describe") || op.startsWith("Head"));
    }

    public void reset() {
        calls.clear();
    }

    /** Runs {@code action} once, just before the next {@code operation} ("Lambda.UpdateFunctionCode") is sent: a concurrent change. */
    public void beforeNext(String operation, Runnable action) {
        before.set(java.util.Map.entry(operation, action));
    }

    public void crashAfterWrites(int n) {
        crashAfterWrites = n;
    }

    public List<String> all() {
        return List.copyOf(calls);
    }

    /** The lease's own calls: taking, renewing and releasing it. */
    public List<String> leaseCalls() {
        return calls.stream().filter(c -> c.startsWith(LEASE)).toList();
    }

    /** Writes to the app's resources (the lease's are not counted). */
    public List<String> writes() {
        return calls.stream().filter(CallCounter::isWrite).toList();
    }
}
