package io.javeze.runtime;

import java.util.Map;

/** Sends a message to a topic ARN. The real one is {@link SnsTransport}; tests substitute their own. */
public interface TopicTransport {
    /** Returns the message id. */
    String publish(String topicArn, String message);

    /**
     * The AWS SDK v2 SNS transport, or a clear error when the optional SDK dependencies are missing.
     * Loading {@link SnsTransport} only here keeps functions that never publish free of the SDK.
     */
    static TopicTransport sns(Map<String, String> environment) {
        try {
            return SnsTransport.fromEnvironment(environment);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("Topics.publish needs the AWS SDK on the class path: add the dependencies "
                    + "software.amazon.awssdk:sns and software.amazon.awssdk:url-connection-client (missing " + e.getMessage() + ")", e);
        }
    }
}
