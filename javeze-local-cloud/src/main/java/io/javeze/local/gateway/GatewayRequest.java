package io.javeze.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local cloud, before API Gateway semantics are applied.
 *
 * @param method   e.g. GET
 * @param rawPath  the path after the stage (for HTTP APIs) or the whole path (function URLs), still percent-encoded
 * @param rawQuery the query string without '?', or empty
 * @param headers  header names as received, each with all its values in order
 * @param body     the body bytes, empty when none
 * @param sourceIp the client's address
 */
public record GatewayRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body, String sourceIp) {}
