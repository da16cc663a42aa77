package io.javeze;

import io.javeze.runtime.Headers;
import io.javeze.runtime.event.HttpEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The raw HTTP request of a route, for what parameter annotations do not cover. Declare a parameter of this type. */
public final class Request {
    private final HttpEvent event;
    private final Map<String, String> headers;
    private final Map<String, String> cookies;

    public Request(HttpEvent event) {
        this.event = event;
        this.headers = Headers.caseInsensitive(event.headers());
        this.cookies = parseCookies(event.cookies());
    }

    public String method() {
        return event.method();
    }

    /** The path as the client sent it, including the stage prefix if any. */
    public String path() {
        return event.rawPath();
    }

    public String routeKey() {
        return event.routeKey();
    }

    /** API Gateway's request id, the one in its access logs. */
    public String requestId() {
        return event.requestId();
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

    /**
     * Every value of a repeated query parameter, in order. API Gateway joins repeated keys with commas in
     * {@code queryStringParameters}, which cannot tell {@code ?tag=a,b} from {@code ?tag=a&tag=b}, so this reads
     * {@code rawQueryString}, decoded as a form ({@code +} and {@code %XX}).
     */
    public List<String> queryValues(String name) {
        String raw = event.rawQueryString();
        if (raw == null || raw.isEmpty()) {
            String joined = query(name);
            return joined == null ? List.of() : List.of(joined.split(",", -1));
        }
        List<String> values = new java.util.ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return List.copyOf(values);
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape: API Gateway passes such text on as it is
        }
    }

    public Map<String, String> queryParameters() {
        return event.queryStringParameters() == null ? Map.of() : event.queryStringParameters();
    }

    public String rawQueryString() {
        return event.rawQueryString();
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
        return event.pathParameters() == null ? Map.of() : event.pathParameters();
    }

    /** The context the route's {@link Auth} handler returned; empty for open routes. */
    public Map<String, Object> authorizerContext() {
        return event.authorizerContext() == null ? Map.of() : event.authorizerContext();
    }

    public String sourceIp() {
        return event.sourceIp();
    }

    /** The body as text (decoded when API Gateway sent it base64-encoded), or null. */
    public String body() {
        byte[] bytes = bodyBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
        String body = event.body();
        if (body == null) return null;
        return event.isBase64Encoded() ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The fields of the event javeze reads. For the complete aws-lambda-java-events object, declare a parameter of
     * type {@code APIGatewayV2HTTPEvent} instead (and depend on aws-lambda-java-events).
     */
    public HttpEvent event() {
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
