package io.javeze.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's example projects, copied for a test to build in, and calls to the URLs they get. */
public final class Examples {
    public static final Path DIR = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Examples() {}

    /** A fresh copy of {@code examples/<name>} without build output, as a clean checkout has it. */
    public static Path copy(String name, Path to) throws IOException {
        Path from = DIR.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target") || rel.startsWith(".javeze")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /**
     * GETs a URL the local cloud printed, answering {@code "<status> <body>"}. {@code *.localhost} names do not
     * resolve for Java, so the request goes to the cloud's loopback port with the URL's Host header, as curl does
     * (needs {@code -Djdk.httpclient.allowRestrictedHeaders=host}, set in this module's surefire configuration).
     */
    public static String get(String url, URI cloudEndpoint, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", url, null, cloudEndpoint, headers);
    }

    /** Like {@link #get}, with any method and an optional body. */
    public static String send(String method, String url, String body, URI cloudEndpoint, Map<String, String> headers)
            throws IOException, InterruptedException {
        URI printed = URI.create(url);
        URI loopback;
        try {
            loopback = new URI("http", null, "127.0.0.1", cloudEndpoint.getPort(), printed.getRawPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(loopback)
                .header("Host", printed.getHost() + ":" + printed.getPort())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
