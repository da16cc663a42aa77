package io.javeze.deploy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of the local cloud that answers SQS's "no such queue" the way AWS-compatible emulators
 * do over the query-compatible JSON protocol: {@code __type} and {@code x-amzn-query-error} both say
 * {@code AWS.SimpleQueueService.NonExistentQueue} (AWS itself says {@code com.amazonaws.sqs#QueueDoesNotExist}), so
 * the SDK maps it to a plain {@code SqsException}, not {@code QueueDoesNotExistException}. Everything else is
 * forwarded unchanged (JDK HttpServer in, java.net.http out).
 */
public final class QueryErrorProxy implements AutoCloseable {
    /** Not forwarded. Host is: the client signed it, and the local cloud verifies the signature (surefire allows it). */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    public static final String QUERY_CODE = "AWS.SimpleQueueService.NonExistentQueue";

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger rewritten = new AtomicInteger();

    public QueryErrorProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "query-error-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many SQS not-found answers were rewritten. */
    public int rewritten() {
        return rewritten.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(v -> request.header(name, v));
            });
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] out = answer.body();
            Map<String, List<String>> headers = answer.headers().map();
            boolean sqs = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")).startsWith("AmazonSQS.");
            boolean notFound = new String(out, StandardCharsets.UTF_8).contains("QueueDoesNotExist");
            if (sqs && answer.statusCode() == 400 && notFound) {
                rewritten.incrementAndGet();
                out = ("{\"__type\":\"" + QUERY_CODE + "\",\"message\":\"The specified queue does not exist.\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.getResponseHeaders().add("x-amzn-query-error", QUERY_CODE + ";Sender");
                exchange.getResponseHeaders().add("x-amzn-RequestId", headers.getOrDefault("x-amzn-RequestId", List.of("proxy")).get(0));
            } else {
                headers.forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                    }
                });
            }
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
