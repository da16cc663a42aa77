package io.javeze.local.exec;

/**
 * What Lambda's Invoke API reports.
 *
 * @param payload       the response, or for a failure the error object
 *                      ({@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}}) as Lambda returns it
 * @param functionError null on success, else {@code Unhandled} (as the {@code X-Amz-Function-Error} header)
 * @param logTail       the last 4 KB of the invocation's log, for {@code LogType=Tail}
 * @param durationMillis wall time of the invocation, init excluded
 */
public record InvocationResult(byte[] payload, String functionError, String logTail, long durationMillis) {

    public boolean failed() {
        return functionError != null;
    }
}
