package io.javeze.local.http;

/** Whether a call signed by a function's role session may proceed: throws the service's AccessDenied error when not. */
public interface CallAuthorizer {
    /** @param input the operation's parsed input, which names the resources the call touches */
    void authorize(AwsCall call, com.fasterxml.jackson.databind.JsonNode input);
}
