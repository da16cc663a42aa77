package io.javeze.runtime;

import java.util.Map;

/** Sends a message to a topic ARN. The real one is {@link SnsTransport}; tests substitute their own. */
public interface TopicTransport {
    /** Returns the message id. */
    String publish(String topicArn, String message);

    /**
     * The SNS transport (the AWS SDK's SigV4 signer and URL-connection client), or a clear error when those optional
     * dependencies are missing. Loading {@link SnsTransport} only here keeps functions that never publish free of them.
     */
    static TopicTransport sns(Map<String, String> environment) {
        try {
            return SnsTransport.fromEnvironment(environment);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("Topics.publish needs the AWS SDK on the class path: add the dependencies "
                    + "software.amazon.awssdk:http-auth-aws and software.amazon.awssdk:url-connection-client (missing " + e.getMessage() + ")", e);
        }
    }
}
