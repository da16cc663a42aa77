package io.javeze.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.fault.FaultInjector;
import io.javeze.local.store.StateStore;
import io.javeze.local.gateway.GatewayRequest;
import io.javeze.local.gateway.GatewayResponse;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.WireProtocol;
import io.javeze.local.protocol.WireProtocols;
import io.javeze.local.protocol.WireRequest;
import io.javeze.local.security.BrowserGuard;
import io.javeze.local.security.RoleSessions;
import io.javeze.local.security.SigV4;
import io.javeze.local.security.SignatureProblem;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The one Jetty handler of the local cloud. AWS API calls are routed by the service in the SigV4 credential scope;
 * {@code {apiId}.execute-api.localhost}, {@code /_api/{apiId}/{stage}/...} and {@code {urlId}.lambda-url.localhost}
 * go to the data plane. Every request must name this machine in its Host header; AWS API calls must carry a SigV4
 * signature the local cloud verifies and must not come from a web page (see {@link BrowserGuard}). Bodies are read
 * without holding a thread; what waits on a function runs on the invocation executor, so functions calling back into
 * the AWS API always find a free server thread. Credentials are never logged.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    /** Above Lambda's 50 MB direct-upload limit once base64-encoded in JSON. */
    static final int MAX_BODY = 80 * 1024 * 1024;
    /** API Gateway's request size limit. */
    static final int DATA_PLANE_MAX_BODY = 10 * 1024 * 1024;
    private static final Pattern API_HOST = Pattern.compile("([a-z0-9]+)\\.execute-api\\.localhost(:\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_HOST = Pattern.compile("([a-z0-9]+)\\.lambda-url\\.localhost(:\\d+)?", Pattern.CASE_INSENSITIVE);

    private final OperationTable table;
    private final Map<String, Provider> services = new HashMap<>();
    private final FaultInjector faults;
    private final StateStore blobs;
    private final BrowserGuard guard;
    private final SigV4 sigV4;
    private final CallAuthorizer authorizer;
    private final Executor invocations;
    private final Executor controlPlane = task -> getServer().getThreadPool().execute(task);
    private volatile DataPlane dataPlane;
    private final Map<String, String> healthDetails = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param invocations runs data-plane requests and Invoke calls, which wait on functions
     * @param sessions    the temporary credentials of function instances
     * @param authorizer  holds a call signed by a function's role session to the role's policies
     */
    public ApiHandler(List<Provider> services, FaultInjector faults, StateStore blobs,
                      BrowserGuard guard, Executor invocations, RoleSessions sessions, CallAuthorizer authorizer) {
        this.sigV4 = new SigV4(Instant::now, sessions);
        this.authorizer = authorizer;
        this.table = OperationTable.of(services.stream().map(Provider::signingName).toList());
        this.guard = guard;
        this.invocations = invocations;
        this.blobs = blobs;
        this.faults = faults;
        for (Provider s : services) {
            this.services.put(s.signingName(), s);
        }
    }

    public void dataPlane(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    /** A fact the health endpoint reports, e.g. the isolation of function instances. */
    public void healthDetail(String name, String value) {
        healthDetails.put(name, value);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> lowerHeaders = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
            lowerHeaders.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
            multiHeaders.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
        }
        String host = headers.getOrDefault("host", "");
        String hostRefusal = guard.hostRefusal(host);
        if (hostRefusal != null) {
            send(response, callback, AwsResponse.json(403, Json.object().put("message", "Forbidden: " + hostRefusal)), requestId, null);
            return true;
        }
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        if (isDataPlane(host, rawPath)) {
            readBody(request, response, callback, requestId, DATA_PLANE_MAX_BODY, invocations,
                    AwsResponse.json(413, Json.object().put("message", "Request Entity Too Large")),
                    body -> dataPlaneRequest(request, response, callback, host, rawPath, rawQuery, multiHeaders, body));
            return true;
        }
        String origin = headers.get("origin");
        String refusal = guard.crossSiteRefusal(request.getMethod(), origin, headers.get("sec-fetch-site"),
                headers.get("access-control-request-method"));
        if (refusal != null) {
            Protocol protocol = guessProtocol(headers);
            send(response, callback, error(null, protocol, new AwsException(403,
                    protocol == Protocol.REST_XML || protocol == Protocol.QUERY ? "AccessDenied" : "AccessDeniedException",
                    refusal), requestId), requestId, null);
            return true;
        }
        String allowedOrigin = guard.allowedOrigin(origin);
        if (allowedOrigin != null) {
            response.getHeaders().put("Access-Control-Allow-Origin", allowedOrigin);
            response.getHeaders().put("Vary", "Origin");
            if (request.getMethod().equals("OPTIONS") && headers.containsKey("access-control-request-method")) {
                response.getHeaders().put("Access-Control-Allow-Methods", headers.get("access-control-request-method"));
                response.getHeaders().put("Access-Control-Allow-Headers", headers.getOrDefault("access-control-request-headers", ""));
                response.getHeaders().put("Access-Control-Max-Age", "600");
                send(response, callback, AwsResponse.empty(204), requestId, null);
                return true;
            }
        }
        boolean waitsOnFunction = rawPath.endsWith("/invocations");
        boolean s3 = headers.getOrDefault("authorization", "").contains("/s3/aws4_request")
                || (rawQuery != null && rawQuery.contains("%2Fs3%2Faws4_request"));
        readBody(request, response, callback, requestId, MAX_BODY, waitsOnFunction ? invocations : controlPlane,
                s3 ? AwsResponse.xml(400, "Error", Json.object().put("Code", "EntityTooLarge").put("Message",
                        "Your proposed upload exceeds the maximum allowed size: the local cloud takes up to " + MAX_BODY
                                + " bytes per request; upload larger objects in parts").put("RequestId", requestId))
                        : AwsResponse.json(413, Json.object().put("message", "Request must be smaller than " + MAX_BODY + " bytes")),
                body -> controlPlaneRequest(request, response, callback, requestId, headers, lowerHeaders, rawPath, rawQuery, body));
        return true;
    }

    /**
     * Reads the whole body without holding a thread while a slow client sends it, then runs {@code then} on
     * {@code executor}: a body that trickles in costs a connection, never a server thread.
     */
    private static void readBody(Request request, Response response, Callback callback, String requestId, int limit,
                                 Executor executor, AwsResponse tooLarge, Consumer<byte[]> then) {
        long declared = request.getLength();
        if (declared > limit) {
            send(response, callback, tooLarge, requestId, null);
            return;
        }
        Content.Source.asByteArrayAsync(request, limit + 1).whenCompleteAsync((body, failure) -> {
            try {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof IOException || cause instanceof TimeoutException) {
                    callback.failed(cause); // the client went away or stalled past the idle timeout
                } else if (cause != null) {
                    send(response, callback, tooLarge, requestId, null); // more than limit + 1 bytes
                } else if (body.length > limit) {
                    send(response, callback, tooLarge, requestId, null);
                } else {
                    then.accept(body);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "internal error serving " + request.getMethod() + " " + request.getHttpURI().getPath(), e);
                callback.failed(e);
            }
        }, executor);
    }

    private void controlPlaneRequest(Request request, Response response, Callback callback, String requestId,
                                     Map<String, String> headers, Map<String, List<String>> lowerHeaders, String rawPath,
                                     String rawQuery, byte[] body) {
        if (rawPath.equals("/_javeze/health") && request.getMethod().equals("GET")) {
            ObjectNode health = Json.object().put("service", "javeze-local-cloud")
                    .put("pid", ProcessHandle.current().pid()).put("dataDir", blobs.root().toAbsolutePath().toString());
            healthDetails.forEach(health::put);
            send(response, callback, AwsResponse.json(health), requestId, null);
            return;
        }
        if (rawPath.startsWith("/_code/") && request.getMethod().equals("GET")) {
            serveCode(response, callback, rawPath.substring("/_code/".length()), requestId);
            return;
        }
        String service = null;
        String region = "us-east-1";
        AwsResponse answer;
        Protocol protocol = guessProtocol(headers);
        String serviceName = null;
        try {
            Map<String, List<String>> query;
            try {
                query = parseQuery(rawQuery);
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, protocol == Protocol.REST_XML ? "InvalidArgument" : "MalformedQueryString",
                        "The query string is not valid URL encoding: " + e.getMessage());
            }
            SigV4.Claim claim;
            try {
                claim = SigV4.claim(lowerHeaders, query);
            } catch (SignatureProblem e) {
                throw e.toAws(protocol);
            }
            if (claim == null && SigV4.isSigV2(lowerHeaders, query)) {
                protocol = Protocol.REST_XML; // only S3 ever took Signature Version 2
                throw new AwsException(403, "AccessDenied", "Signature Version 2 is not supported: sign with SigV4 "
                        + "(for aws s3 presign: aws configure set default.s3.signature_version s3v4)");
            }
            if (claim == null) {
                throw SignatureProblem.missing().toAws(protocol);
            }
            service = claim.service();
            region = claim.region();
            serviceName = service;
            OperationTable.Routes routes = table.service(service);
            Provider provider = services.get(service);
            if (routes == null || provider == null) {
                throw new AwsException(400, "UnrecognizedClientException", "The local cloud does not serve the service " + service);
            }
            ServiceModel model = ServiceModel.of(service);
            protocol = routes.protocol();
            String target = headers.get("x-amz-target");
            if ("sqs".equals(service) && target != null) {
                protocol = Protocol.AWS_JSON;
            }
            RoleSessions.Session caller;
            try {
                caller = sigV4.verify(claim, request.getMethod(), rawPath, query, lowerHeaders, body, "s3".equals(service));
            } catch (SignatureProblem e) {
                throw e.toAws(protocol);
            }
            if (AwsChunked.applies(headers)) {
                body = AwsChunked.decode(body);
            }
            String operation;
            Map<String, String> pathParams = Map.of();
            Map<String, String> params = new LinkedHashMap<>();
            switch (protocol) {
                case AWS_JSON -> {
                    if (target == null || target.indexOf('.') < 0) {
                        throw new AwsException(400, "UnknownOperationException", "Missing X-Amz-Target");
                    }
                    operation = target.substring(target.indexOf('.') + 1);
                    if (model.operation(operation) == null) {
                        throw new AwsException(400, "UnknownOperationException", "Unknown operation " + operation);
                    }
                }
                case QUERY -> {
                    query.forEach((k, v) -> params.put(k, v.get(0)));
                    String contentType = headers.getOrDefault("content-type", "");
                    if (contentType.startsWith("application/x-www-form-urlencoded")) {
                        try {
                            UrlEncoded.decodeTo(new String(body, StandardCharsets.UTF_8), (k, v) -> params.put(k, v),
                                    StandardCharsets.UTF_8);
                        } catch (IllegalArgumentException e) {
                            throw new AwsException(400, "MalformedQueryString",
                                    "The request body is not valid application/x-www-form-urlencoded: " + e.getMessage());
                        }
                    }
                    operation = params.get("Action");
                    if (operation == null || model.operation(operation) == null) {
                        throw new AwsException(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
                    }
                }
                default -> {
                    OperationTable.Match match = OperationTable.match(routes, request.getMethod(), rawPath, query, lowerHeaders);
                    if (match == null) {
                        throw protocol == Protocol.REST_XML
                                ? new AwsException(405, "MethodNotAllowed", "The specified method is not allowed against this resource.")
                                : new AwsException(404, "UnknownOperationException", "Unknown operation " + request.getMethod() + " " + rawPath);
                    }
                    operation = match.operation();
                    pathParams = match.pathParams();
                }
            }
            faults.before(service, protocol);
            AwsCall call = new AwsCall(service, region, protocol, operation, request.getMethod(), rawPath, headers, requestId, caller);
            // protocol → provider → protocol: the model's generic parser makes the input, its serializer writes the output
            ServiceModel.Operation op = model.operation(operation);
            WireProtocol wire = WireProtocols.of(protocol);
            ObjectNode input = wire.parse(op, new WireRequest(request.getMethod(), rawPath, pathParams, query, lowerHeaders, params, body));
            if (caller != null) {
                authorizer.authorize(call, input);
            }
            answer = wire.serialize(model, op, provider.call(op, input, call), requestId);
        } catch (AwsException e) {
            answer = error(serviceName, protocol, e, requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error serving " + serviceName + " " + request.getMethod() + " " + rawPath, e);
            answer = error(serviceName, protocol, new AwsException(500, "InternalFailure", "Internal error: " + e), requestId);
        }
        try {
            blobs.awaitDurable(); // answer only once every change this request made is on disk
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "local cloud state could not be written", e);
            answer = error(serviceName, protocol, new AwsException(500, "InternalFailure",
                    "the local cloud could not write its state: " + e.getMessage()), requestId);
        }
        send(response, callback, answer, requestId, serviceName);
    }

    private static boolean isDataPlane(String host, String rawPath) {
        return API_HOST.matcher(host).matches() || URL_HOST.matcher(host).matches() || rawPath.startsWith("/_api/");
    }

    private void dataPlaneRequest(Request request, Response response, Callback callback, String host, String rawPath,
                                  String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Matcher api = API_HOST.matcher(host);
        Matcher url = URL_HOST.matcher(host);
        String apiId = null;
        String stage = null;
        String rest = rawPath;
        if (api.matches()) {
            apiId = api.group(1).toLowerCase(Locale.ROOT);
            String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
            int slash = p.indexOf('/');
            stage = slash < 0 ? p : p.substring(0, slash);
            rest = slash < 0 ? "/" : p.substring(slash);
        } else if (rawPath.startsWith("/_api/")) {
            String[] parts = rawPath.substring("/_api/".length()).split("/", 3);
            apiId = parts[0];
            stage = parts.length > 1 ? parts[1] : "";
            rest = parts.length > 2 ? "/" + parts[2] : "/";
        }
        GatewayRequest gr = new GatewayRequest(request.getMethod(), rest, rawQuery == null ? "" : rawQuery, headers, body,
                Request.getRemoteAddr(request));
        DataPlane plane = dataPlane;
        GatewayResponse out;
        if (plane == null) {
            out = new GatewayResponse(503, Map.of("content-type", List.of("application/json")),
                    "{\"message\":\"Service Unavailable\"}".getBytes(StandardCharsets.UTF_8));
        } else if (apiId != null) {
            out = plane.httpApi(apiId, stage, gr);
        } else if (url.matches()) {
            out = plane.functionUrl(url.group(1).toLowerCase(Locale.ROOT), gr);
        } else {
            out = new GatewayResponse(404, Map.of("content-type", List.of("application/json")),
                    "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        }
        response.setStatus(out.status());
        out.headers().forEach((k, vs) -> vs.forEach(v -> response.getHeaders().add(k, v)));
        response.write(true, ByteBuffer.wrap(out.body() == null ? new byte[0] : out.body()), callback);
    }

    /** GetFunction's Code.Location: the stored package, by content hash. */
    private void serveCode(Response response, Callback callback, String hex, String requestId) {
        AwsResponse answer;
        try {
            answer = AwsResponse.bytes(200, blobs.readBlob(hex), "application/zip");
        } catch (RuntimeException e) {
            answer = AwsResponse.xml(404, "Error", Json.object().put("Code", "NoSuchKey").put("Message", "The specified key does not exist."));
        }
        send(response, callback, answer, requestId, null);
    }

    private static Protocol guessProtocol(Map<String, String> headers) {
        if (headers.containsKey("x-amz-target")) {
            return Protocol.AWS_JSON;
        }
        if (headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
            return Protocol.QUERY;
        }
        return Protocol.REST_JSON;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        UrlEncoded.decodeTo(rawQuery, (k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).add(v), StandardCharsets.UTF_8);
        return out;
    }

    static AwsResponse error(String service, Protocol protocol, AwsException e, String requestId) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (protocol) {
            case REST_JSON -> AwsResponse.json(e.status(), Json.object().put("Type", e.senderFault() ? "User" : "Service")
                    .put("message", message)).header("x-amzn-ErrorType", e.code());
            case AWS_JSON -> awsJsonError(service, e, message);
            case QUERY -> {
                ObjectNode err = Json.object();
                err.putObject("Error").put("Type", e.senderFault() ? "Sender" : "Receiver").put("Code", e.code())
                        .put("Message", message);
                err.put("RequestId", requestId);
                yield AwsResponse.xml(e.status(), "ErrorResponse", err);
            }
            case REST_XML -> AwsResponse.xml(e.status(), "Error", Json.object().put("Code", e.code()).put("Message", message)
                    .put("RequestId", requestId));
        };
    }

    private static AwsResponse awsJsonError(String service, AwsException e, String message) {
        if ("sqs".equals(service)) {
            String type = SqsErrorCodes.jsonType(e.code());
            return AwsResponse.bytes(e.status(), Json.bytes(Json.object().put("__type", "com.amazonaws.sqs#" + type)
                            .put("message", message)), "application/x-amz-json-1.0")
                    .header("x-amzn-query-error", e.code() + ";" + (e.senderFault() ? "Sender" : "Receiver"));
        }
        if ("dynamodb".equals(service)) { // awsJson1_0, with the body's CRC32 the SDK's DynamoDB client verifies
            ObjectNode err = Json.object().put("__type", "com.amazonaws.dynamodb.v20120810#" + e.code()).put("message", message);
            e.fields().forEach(err::set);
            byte[] body = Json.bytes(err);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body);
            return AwsResponse.bytes(e.status(), body, "application/x-amz-json-1.0").header("x-amz-crc32", Long.toString(crc.getValue()));
        }
        return AwsResponse.bytes(e.status(), Json.bytes(Json.object().put("__type", e.code()).put("message", message)),
                "application/x-amz-json-1.1");
    }

    private static void send(Response response, Callback callback, AwsResponse answer, String requestId, String service) {
        response.setStatus(answer.status);
        response.getHeaders().put("x-amzn-RequestId", requestId);
        if ("s3".equals(service)) {
            response.getHeaders().put("x-amz-request-id", requestId);
        }
        if (answer.contentType != null) {
            response.getHeaders().put("Content-Type", answer.contentType);
        }
        answer.headers.forEach((k, v) -> response.getHeaders().put(k, v));
        if (answer.file != null) {
            response.getHeaders().put("Content-Length", Long.toString(answer.file.length()));
            Content.copy(Content.Source.from(answer.file.path(), answer.file.offset(), answer.file.length()), response, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(answer.body), callback);
    }
}
