package io.javeze.runtime.event;

import java.util.List;
import java.util.Map;

/** The fields of an HTTP API REQUEST authorizer event (payload 2.0) that javeze binds. */
public record AuthEvent(
        String routeKey,
        String routeArn,
        String rawPath,
        List<String> identitySource,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        String requestId) {

    public static final AuthEvent EMPTY = new AuthEvent(null, null, null, null, null, null, null, null);
}
