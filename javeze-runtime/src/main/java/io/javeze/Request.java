package io.javeze;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.javeze.runtime.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw HTTP request of a route, for what parameter annotations do not cover. Declare a parameter of this type. */
public final class Request {
    private final APIGatewayV2HTTPEvent event;
    private final Map<String, String> headers;
    private final Map<String, String> cookies;

    public Request(APIGatewayV2HTTPEvent event) {
        this.event = event;
        this.headers = Headers.caseInsensitive(event.getHeaders());
        this.cookies = parseCookies(event.getCookies());
    }

    public String method() {
        var ctx = event.getRequestContext();
        return ctx != null && ctx.getHttp() != null ? ctx.getHttp().getMethod() : null;
    }

    /** The path as the client sent it, including the stage prefix if any. */
    public String path() {
        return event.getRawPath();
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    /** API Gateway's request id, the one in its access logs. */
    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** A header by case-insensitive name; repeated headers arrive comma-joined. */
    public String header(String name) {
        return headers.get(name);
    }

    /** All headers, with case-insensitive lookup. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A query parameter; repeated parameters arrive comma-joined. */
    public String query(String name) {
        return queryParameters().get(name);
    }

    public Map<String, String> queryParameters() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    public String rawQueryString() {
        return event.getRawQueryString();
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String pathParameter(String name) {
        return pathParameters().get(name);
    }

    public Map<String, String> pathParameters() {
        return event.getPathParameters() == null ? Map.of() : event.getPathParameters();
    }

    /** The context the route's {@link Auth} handler returned; empty for open routes. */
    public Map<String, Object> authorizerContext() {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getLambda() == null) {
            return Map.of();
        }
        return ctx.getAuthorizer().getLambda();
    }

    public String sourceIp() {
        var ctx = event.getRequestContext();
        return ctx != null && ctx.getHttp() != null ? ctx.getHttp().getSourceIp() : null;
    }

    /** The body as text (decoded when API Gateway sent it base64-encoded), or null. */
    public String body() {
        byte[] bytes = bodyBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
        String body = event.getBody();
        if (body == null) return null;
        return event.getIsBase64Encoded() ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The event exactly as Lambda received it. */
    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    private static Map<String, String> parseCookies(List<String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Map.copyOf(out);
    }
}
