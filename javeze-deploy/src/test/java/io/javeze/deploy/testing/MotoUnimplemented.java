package io.javeze.deploy.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Answers the given operations as moto 5.2.1 answers one it does not implement: status 500 and werkzeug's HTML
 * "Internal Server Error" page, no AWS error anywhere. Counts the attempts that met it.
 */
public final class MotoUnimplemented implements ExecutionInterceptor {
    static final String PAGE = """
            <!doctype html>
            <html lang=en>
            <title>500 Internal Server Error</title>
            <h1>Internal Server Error</h1>
            <p>The server encountered an internal error and was unable to complete your request. Either the server is \
            overloaded or there is an error in the application.</p>
            """;
    private final Set<String> operations;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean on;

    /** @param operations e.g. "GetAuthorizers" */
    public MotoUnimplemented(String... operations) {
        this.operations = Set.of(operations);
    }

    public void on() {
        on = true;
    }

    public int attempts() {
        return attempts.get();
    }

    private boolean applies(ExecutionAttributes attributes) {
        return on && operations.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!applies(attributes)) return context.httpResponse();
        attempts.incrementAndGet();
        return SdkHttpResponse.builder().statusCode(500).statusText("INTERNAL SERVER ERROR")
                .putHeader("Content-Type", "text/html; charset=utf-8").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!applies(attributes)) return context.responseBody();
        return Optional.of(new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8)));
    }
}
