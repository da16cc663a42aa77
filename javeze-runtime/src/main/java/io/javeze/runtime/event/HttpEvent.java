package io.javeze.runtime.event;

import java.util.List;
import java.util.Map;

/**
 * The fields of an API Gateway HTTP API payload 2.0 event that javeze binds. As API Gateway sends them: repeated
 * headers and query parameters arrive comma-joined, cookies as a list of {@code name=value}.
 *
 * @param authorizerContext {@code requestContext.authorizer.lambda}: what the route's Lambda authorizer returned
 */
public record HttpEvent(
        String routeKey,
        String rawPath,
        String rawQueryString,
        List<String> cookies,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        String body,
        boolean isBase64Encoded,
        String requestId,
        String method,
        String sourceIp,
        Map<String, Object> authorizerContext) {

    public static final HttpEvent EMPTY = new HttpEvent(null, null, null, null, null, null, null, null, false, null, null, null, null);
}
