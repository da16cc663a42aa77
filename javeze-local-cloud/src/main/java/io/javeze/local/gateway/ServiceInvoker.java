package io.javeze.local.gateway;

import io.javeze.local.exec.InvocationResult;

/**
 * Invokes a function on behalf of an AWS service, as Lambda does: only when the function's resource policy
 * lets {@code principal} invoke it from {@code sourceArn}.
 */
public interface ServiceInvoker {
    /** Lambda's synchronous invocation payload limit, which the event API Gateway builds must fit. */
    int MAX_PAYLOAD = 6 * 1024 * 1024;


    /**
     * @param functionRef a function ARN, optionally qualified, or API Gateway's
     *                    {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations} form
     * @throws NotPermittedException when no statement of the resource policy allows the call
     * @throws FunctionNotFoundException when there is no such function
     */
    InvocationResult invoke(String functionRef, String principal, String sourceArn, byte[] payload);

    final class NotPermittedException extends RuntimeException {
        public NotPermittedException(String message) {
            super(message);
        }
    }

    final class FunctionNotFoundException extends RuntimeException {
        public FunctionNotFoundException(String message) {
            super(message);
        }
    }
}
