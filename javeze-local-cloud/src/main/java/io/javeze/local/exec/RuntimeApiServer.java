package io.javeze.local.exec;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda's Runtime API (2018-06-01) on 127.0.0.1. The protocol's paths carry no function identity, so every
 * instance gets its own connector on an ephemeral port of one shared Jetty server.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** The instance side of the protocol. */
    interface Endpoint {
        /** Blocks until an invocation is available, or returns null when the instance is shutting down. */
        Invocation next() throws InterruptedException;

        void response(String requestId, byte[] body);

        void error(String requestId, String errorType, byte[] body);

        void initError(String errorType, byte[] body);
    }

    private final Server server;
    private final Map<Integer, Endpoint> endpoints = new ConcurrentHashMap<>();

    RuntimeApiServer() {
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("javeze-runtime-api");
        threads.setDaemon(true);
        server = new Server(threads);
        server.setHandler(new RuntimeApiHandler());
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Runtime API server", e);
        }
    }

    /** Opens a port for one instance and returns it. */
    synchronized int open(Endpoint endpoint) {
        ServerConnector connector = new ServerConnector(server, 0, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(Long.MAX_VALUE / 4); // long-polls must outlive any function timeout
        server.addConnector(connector);
        try {
            connector.start();
        } catch (Exception e) {
            server.removeConnector(connector);
            throw new IllegalStateException("cannot open a Runtime API port", e);
        }
        int port = connector.getLocalPort();
        endpoints.put(port, endpoint);
        return port;
    }

    synchronized void close(int port) {
        endpoints.remove(port);
        for (var connector : server.getConnectors()) {
            if (connector instanceof ServerConnector sc && sc.getLocalPort() == port) {
                try {
                    sc.stop();
                } catch (Exception ignored) {
                    // the port is released either way once the connector is removed
                }
                server.removeConnector(sc);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // shutting down
        }
    }

    private final class RuntimeApiHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Endpoint endpoint = endpoints.get(Request.getLocalPort(request));
            String path = request.getHttpURI().getPath();
            if (endpoint == null || !path.startsWith(PREFIX)) {
                return reply(response, callback, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
            }
            String rest = path.substring(PREFIX.length());
            String method = request.getMethod();
            if (method.equals("GET") && rest.equals("invocation/next")) {
                Invocation next = endpoint.next();
                if (next == null) {
                    return reply(response, callback, 410, "{\"errorMessage\":\"instance stopping\",\"errorType\":\"Gone\"}");
                }
                var headers = response.getHeaders();
                headers.put("Lambda-Runtime-Aws-Request-Id", next.requestId);
                headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(next.deadlineEpochMillis));
                headers.put("Lambda-Runtime-Invoked-Function-Arn", endpointArn(endpoint));
                headers.put("Lambda-Runtime-Trace-Id", next.traceId);
                headers.put(HttpHeader.CONTENT_TYPE, "application/json");
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(next.payload), callback);
                return true;
            }
            if (method.equals("GET") && rest.equals("restore/next")) {
                // SnapStart: the snapshot is "restored" at once; the RIC then runs the afterRestore hooks
                return reply(response, callback, 200, "{}");
            }
            if (!method.equals("POST")) {
                return reply(response, callback, 405, "{\"errorMessage\":\"method not allowed\",\"errorType\":\"MethodNotAllowed\"}");
            }
            byte[] body = BufferUtil.toArray(Content.Source.asByteBuffer(request));
            String errorType = request.getHeaders().get("Lambda-Runtime-Function-Error-Type");
            if (rest.equals("init/error") || rest.equals("restore/error")) {
                endpoint.initError(errorType, body);
                return reply(response, callback, 202, "{\"status\":\"OK\"}");
            }
            if (rest.startsWith("invocation/")) {
                String tail = rest.substring("invocation/".length());
                int slash = tail.indexOf('/');
                if (slash > 0) {
                    String requestId = tail.substring(0, slash);
                    String kind = tail.substring(slash + 1);
                    if (kind.equals("response")) {
                        endpoint.response(requestId, body);
                        return reply(response, callback, 202, "{\"status\":\"OK\"}");
                    }
                    if (kind.equals("error")) {
                        endpoint.error(requestId, errorType, body);
                        return reply(response, callback, 202, "{\"status\":\"OK\"}");
                    }
                }
            }
            return reply(response, callback, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"NotFound\"}");
        }

        private String endpointArn(Endpoint endpoint) {
            return endpoint instanceof FunctionInstance instance ? instance.config().functionArn() : "";
        }

        private boolean reply(Response response, Callback callback, int status, String json) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
