package io.javeze.deploy.bench;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Request body bytes the SDK sends (their Content-Length), to report what a deploy uploads. */
final class UploadCounter implements ExecutionInterceptor {
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.httpRequest().firstMatchingHeader("Content-Length").ifPresent(v -> bytes.addAndGet(Long.parseLong(v)));
    }

    long takeBytes() {
        return bytes.getAndSet(0);
    }
}
