package io.javeze.aws;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Which call failed: the SDK's exceptions carry neither the operation nor the endpoint, so this interceptor (installed
 * on every client by {@link AwsClients}) attaches them to the final exception as a suppressed marker, for
 * {@link AwsErrors#describe} to name. The exception's type and message are left exactly as the SDK made them.
 */
public final class FailedCall extends RuntimeException {
    private final String service;
    private final String operation;
    private final URI endpoint;

    private FailedCall(String service, String operation, URI endpoint) {
        super(service + " " + operation + (endpoint != null ? " at " + endpoint : ""), null, false, false);
        this.service = service;
        this.operation = operation;
        this.endpoint = endpoint;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    public URI endpoint() {
        return endpoint;
    }

    static FailedCall of(Throwable e) {
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof FailedCall c) {
                return c;
            }
        }
        return null;
    }

    /** The SDK's service id as AWS writes the name: "Sts" is STS, "Iam" IAM, "Sqs" SQS, "Sns" SNS. */
    static String display(String sdkName) {
        return sdkName != null && sdkName.length() <= 3 ? sdkName.toUpperCase(java.util.Locale.ROOT) : sdkName;
    }

    /** Adds the marker to every failed call's exception. */
    public static final class Interceptor implements ExecutionInterceptor {
        @Override
        public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable e = context.exception();
            if (e instanceof SdkException && of(e) == null) {
                URI endpoint = context.httpRequest()
                        .map(r -> URI.create(r.protocol() + "://" + r.host() + (r.port() > 0 ? ":" + r.port() : "")))
                        .orElse(null);
                e.addSuppressed(new FailedCall(display(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), endpoint));
            }
            return e;
        }
    }
}
