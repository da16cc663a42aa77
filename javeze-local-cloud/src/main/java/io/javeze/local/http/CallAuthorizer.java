package io.javeze.local.http;

/** Whether a call signed by a function's role session may proceed: throws the service's AccessDenied error when not. */
public interface CallAuthorizer {
    void authorize(AwsCall call);
}
