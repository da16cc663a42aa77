package io.javeze.deploy.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls a printed URL over loopback HTTP. {@code *.localhost} names do not resolve through this machine's resolver
 * (browsers and curl map them to loopback themselves), so such a request goes to 127.0.0.1 with the URL's Host
 * header, exactly what curl sends. Needs {@code -Djdk.httpclient.allowRestrictedHeaders=host} (set in the pom).
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, String body) {}

    private Http() {}

    public static Reply get(String url, String... headers) throws Exception {
        return send(url, "GET", null, headers);
    }

    public static Reply post(String url, String json, String... headers) throws Exception {
        return send(url, "POST", json, headers);
    }

    private static Reply send(String url, String method, String body, String... headers) throws Exception {
        HttpResponse<String> r = exchange(url, method, body, headers);
        return new Reply(r.statusCode(), r.body());
    }

    /** The whole response, headers included; {@code headers} are name, value pairs. */
    public static HttpResponse<String> exchange(String url, String method, String body, String... headers) throws Exception {
        URI uri = URI.create(url.replace("{", "%7B").replace("}", "%7D"));
        HttpRequest.Builder b;
        if (uri.getHost() != null && uri.getHost().endsWith(".localhost")) {
            URI loopback = new URI(uri.getScheme(), null, "127.0.0.1", uri.getPort(), uri.getRawPath() == null ? null : uri.getPath(), uri.getQuery(), null);
            b = HttpRequest.newBuilder(loopback).header("Host", uri.getHost() + ":" + uri.getPort());
        } else {
            b = HttpRequest.newBuilder(uri);
        }
        b.timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
