package io.javeze;

import io.javeze.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full control over a route's answer: status, headers, cookies and a text, JSON or binary body.
 *
 * <pre>{@code
 * return Response.status(201).header("Location", "/users/" + id).json(user);
 * return Response.ok().binary(png, "image/png");
 * }</pre>
 */
public final class Response {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private String body;
    private boolean base64;

    private Response(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        this.status = status;
    }

    public static Response status(int status) {
        return new Response(status);
    }

    public static Response ok() {
        return new Response(200);
    }

    public static Response noContent() {
        return new Response(204);
    }

    /** Sets a header, replacing an earlier value of the same name. */
    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds a {@code Set-Cookie} value, e.g. {@code "session=abc; HttpOnly; Secure; Path=/"}. */
    public Response cookie(String setCookie) {
        cookies.add(setCookie);
        return this;
    }

    /** A text body; {@code Content-Type: text/plain; charset=utf-8} unless a content type is set. */
    public Response text(String text) {
        headers.putIfAbsent("Content-Type", "text/plain; charset=utf-8");
        body = text;
        base64 = false;
        return this;
    }

    /** The value as JSON; {@code Content-Type: application/json} unless a content type is set. */
    public Response json(Object value) {
        headers.putIfAbsent("Content-Type", "application/json");
        body = Json.write(value);
        base64 = false;
        return this;
    }

    /** Raw bytes, sent base64-encoded to API Gateway, which decodes them for the client. */
    public Response binary(byte[] bytes, String contentType) {
        headers.put("Content-Type", contentType);
        body = Base64.getEncoder().encodeToString(bytes);
        base64 = true;
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public List<String> cookies() {
        return List.copyOf(cookies);
    }

    /** The body as sent to API Gateway (base64 text when {@link #isBase64Encoded()}), or null. */
    public String body() {
        return body;
    }

    public boolean isBase64Encoded() {
        return base64;
    }

    /** The body decoded to text, for tests. */
    public String bodyText() {
        if (body == null) return null;
        return base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }
}
