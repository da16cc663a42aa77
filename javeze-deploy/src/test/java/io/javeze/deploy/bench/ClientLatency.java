package io.javeze.deploy.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Network latency added on the client's side: every attempt of every SDK call waits {@code millis} before it is sent,
 * whatever endpoint answers, so that the local cloud and moto sit behind exactly the same latency. Also records, per
 * operation ("Lambda.CreateFunction"), how many attempts were sent and how long the endpoint took to answer them (the
 * time from sending to the response, the added wait excluded): where an endpoint is slow.
 */
final class ClientLatency implements ExecutionInterceptor {
    /** {@code -Dbench.latencyMs=50} on a {@link DeployProcess} adds this interceptor to its clients. */
    static final String PROPERTY = "bench.latencyMs";
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("bench.sent");
    private final long millis;
    private final Map<String, LongAdder[]> byOperation = new ConcurrentHashMap<>();

    ClientLatency(long millis) {
        this.millis = millis;
    }

    /** The interceptor {@code -Dbench.latencyMs} asks for, or null without it. */
    static ClientLatency fromProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? null : new ClientLatency(Long.parseLong(value));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent == null) return;
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        LongAdder[] t = byOperation.computeIfAbsent(operation, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        t[0].increment();
        t[1].add(System.nanoTime() - sent);
    }

    /** The attempts sent for {@code operation} ("Lambda.CreateFunction") and answered, retries included. */
    long attempts(String operation) {
        LongAdder[] t = byOperation.get(operation);
        return t == null ? 0 : t[0].sum();
    }

    /** One line per operation, the most time first: {@code op Lambda.CreateFunction 56 attempts 1234 ms total 22.0 ms mean}. */
    void print() {
        byOperation.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1].sum(), a.getValue()[1].sum()))
                .forEach(e -> {
                    long n = e.getValue()[0].sum();
                    double ms = e.getValue()[1].sum() / 1e6;
                    System.out.printf(Locale.ROOT, "op %-40s %4d attempts %8.0f ms total %7.1f ms mean%n", e.getKey(), n, ms, ms / n);
                });
    }
}
