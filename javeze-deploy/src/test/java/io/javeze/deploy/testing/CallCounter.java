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

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String bucket = context.request().getValueForField("Bucket", String.class).orElse("");
        if (bucket.startsWith(LEASE_BUCKET_PREFIX)) operation = LEASE + operation;
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
