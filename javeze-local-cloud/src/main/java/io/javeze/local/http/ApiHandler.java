package io.javeze.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.fault.FaultInjector;
import io.javeze.local.store.StateStore;
import io.javeze.local.gateway.GatewayRequest;
import io.javeze.local.gateway.GatewayResponse;
import java.io.IOException;
import java.io.InputStream;
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
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The one Jetty handler of the local cloud. AWS API calls are routed by the service in the SigV4 credential scope;
 * {@code {apiId}.execute-api.localhost}, {@code /_api/{apiId}/{stage}/...} and {@code {urlId}.lambda-url.localhost}
 * go to the data plane. Signatures are not verified and credentials never logged.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    /** Above Lambda's 50 MB direct-upload limit once base64-encoded in JSON. */
    static final int MAX_BODY = 80 * 1024 * 1024;
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    private static final Pattern API_HOST = Pattern.compile("([a-z0-9]+)\\.execute-api\\.localhost(:\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL_HOST = Pattern.compile("([a-z0-9]+)\\.lambda-url\\.localhost(:\\d+)?", Pattern.CASE_INSENSITIVE);

    private final OperationTable table;
    private final Map<String, AwsService> services = new HashMap<>();
    private final FaultInjector faults;
    private final StateStore blobs;
    private volatile DataPlane dataPlane;
    private final Map<String, String> healthDetails = new java.util.concurrent.ConcurrentHashMap<>();

    public ApiHandler(OperationTable table, List<AwsService> services, FaultInjector faults, StateStore blobs) {
        this.table = table;
        this.blobs = blobs;
        this.faults = faults;
        for (AwsService s : services) {
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
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.putIfAbsent(f.getLowerCaseName(), f.getValue());
            multiHeaders.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(response, callback, AwsResponse.json(413, Json.object().put("message", "Request must be smaller than "
                    + MAX_BODY + " bytes")), requestId, null);
            return true;
        }
        String host = headers.getOrDefault("host", "");
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        if (dataPlaneRequest(request, response, callback, host, rawPath, rawQuery, multiHeaders, body)) {
            return true;
        }
        if (rawPath.equals("/_javeze/health") && request.getMethod().equals("GET")) {
            ObjectNode health = Json.object().put("service", "javeze-local-cloud")
                    .put("pid", ProcessHandle.current().pid()).put("dataDir", blobs.root().toAbsolutePath().toString());
            healthDetails.forEach(health::put);
            send(response, callback, AwsResponse.json(health), requestId, null);
            return true;
        }
        if (rawPath.startsWith("/_code/") && request.getMethod().equals("GET")) {
            serveCode(response, callback, rawPath.substring("/_code/".length()), requestId);
            return true;
        }
        Map<String, List<String>> query = parseQuery(rawQuery);
        String service = null;
        String region = "us-east-1";
        String scopeSource = headers.getOrDefault("authorization", "");
        if (!scopeSource.contains("Credential=") && query.containsKey("X-Amz-Credential")) {
            scopeSource = "Credential=" + query.get("X-Amz-Credential").get(0);
        }
        Matcher m = SCOPE.matcher(scopeSource);
        if (m.find()) {
            region = m.group(1);
            service = m.group(2);
        }
        AwsResponse answer;
        Protocol protocol = Protocol.REST_JSON;
        String serviceName = service;
        try {
            OperationTable.ServiceModel model = service == null ? null : table.service(service);
            AwsService impl = service == null ? null : services.get(service);
            if (service == null) {
                protocol = guessProtocol(headers, body);
                throw new AwsException(403, protocol == Protocol.QUERY ? "MissingAuthenticationToken"
                        : protocol == Protocol.REST_XML ? "AccessDenied" : "MissingAuthenticationTokenException",
                        "Missing Authentication Token");
            }
            if (model == null || impl == null) {
                protocol = guessProtocol(headers, body);
                throw new AwsException(400, "UnrecognizedClientException", "The local cloud does not serve the service " + service);
            }
            if (AwsChunked.applies(headers)) {
                body = AwsChunked.decode(body);
            }
            protocol = model.protocol();
            String target = headers.get("x-amz-target");
            String operation;
            Map<String, String> pathParams = Map.of();
            Map<String, String> params = new LinkedHashMap<>();
            if ("sqs".equals(service) && target != null) {
                protocol = Protocol.AWS_JSON;
            }
            switch (protocol) {
                case AWS_JSON -> {
                    if (target == null || target.indexOf('.') < 0) {
                        throw new AwsException(400, "UnknownOperationException", "Missing X-Amz-Target");
                    }
                    operation = target.substring(target.indexOf('.') + 1);
                    if (!model.successCodes().containsKey(operation)) {
                        throw new AwsException(400, "UnknownOperationException", "Unknown operation " + operation);
                    }
                }
                case QUERY -> {
                    query.forEach((k, v) -> params.put(k, v.get(0)));
                    String contentType = headers.getOrDefault("content-type", "");
                    if (contentType.startsWith("application/x-www-form-urlencoded")) {
                        UrlEncoded.decodeTo(new String(body, StandardCharsets.UTF_8), (k, v) -> params.put(k, v),
                                StandardCharsets.UTF_8);
                    }
                    operation = params.get("Action");
                    if (operation == null || !model.successCodes().containsKey(operation)) {
                        throw new AwsException(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
                    }
                }
                default -> {
                    OperationTable.Match match = OperationTable.match(model, request.getMethod(), rawPath, query);
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
            AwsCall call = new AwsCall(service, region, protocol, operation, request.getMethod(), rawPath, pathParams, query,
                    headers, params, body, requestId);
            answer = impl.handle(call);
            if (answer.status == 200 && (protocol == Protocol.REST_JSON || protocol == Protocol.REST_XML)
                    && answer.body.length == 0 && model.successCodes().getOrDefault(operation, 200) != 200) {
                answer = AwsResponse.empty(model.successCodes().get(operation)).withHeaders(answer);
            }
        } catch (AwsException e) {
            answer = error(serviceName, protocol, e, requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error serving " + serviceName + " " + request.getMethod() + " " + rawPath, e);
            answer = error(serviceName, protocol, new AwsException(500, "InternalFailure", "Internal error: " + e), requestId);
        }
        send(response, callback, answer, requestId, serviceName);
        return true;
    }

    private boolean dataPlaneRequest(Request request, Response response, Callback callback, String host, String rawPath,
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
        } else if (!url.matches()) {
            return false;
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
        } else {
            out = plane.functionUrl(url.group(1).toLowerCase(Locale.ROOT), gr);
        }
        response.setStatus(out.status());
        out.headers().forEach((k, vs) -> vs.forEach(v -> response.getHeaders().add(k, v)));
        response.write(true, ByteBuffer.wrap(out.body() == null ? new byte[0] : out.body()), callback);
        return true;
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

    private static Protocol guessProtocol(Map<String, String> headers, byte[] body) {
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
        response.write(true, ByteBuffer.wrap(answer.body), callback);
    }
}
