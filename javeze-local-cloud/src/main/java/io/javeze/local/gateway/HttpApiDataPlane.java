package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.exec.InvocationResult;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The request path of API Gateway HTTP APIs: stage, route, Lambda authorizer, payload 2.0 event, response mapping.
 * Thread-safe; the server creates one and calls it for every HTTP API request.
 */
public final class HttpApiDataPlane {

    static final String DEFAULT_STAGE = "$default";
    /** HTTP APIs cap integrations at 30 s and answer 503 when one takes longer. */
    static final int MAX_INTEGRATION_TIMEOUT_MILLIS = 30_000;

    private final HttpApiRegistry registry;
    private final ServiceInvoker invoker;
    private final LambdaAuthorizers authorizers;
    private final AccessLog accessLog;
    private final ExecutorService integrationCalls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "javeze-http-api-integration");
        t.setDaemon(true);
        return t;
    });

    public HttpApiDataPlane(HttpApiRegistry registry, ServiceInvoker invoker) {
        this(registry, invoker, AccessLog.NONE);
    }

    public HttpApiDataPlane(HttpApiRegistry registry, ServiceInvoker invoker, AccessLog accessLog) {
        this.registry = registry;
        this.invoker = invoker;
        this.authorizers = new LambdaAuthorizers(invoker);
        this.accessLog = accessLog;
    }

    /**
     * Picks the stage as API Gateway does: the first path segment when a stage of that name exists, else the
     * {@code $default} stage with the whole path, else 404.
     *
     * @param request its {@code rawPath} is the whole path after the host
     */
    public GatewayResponse handle(String apiId, GatewayRequest request) {
        Optional<HttpApiView> found = registry.api(apiId);
        if (found.isEmpty()) {
            return ResponseMapper.message(404, "Not Found");
        }
        HttpApiView api = found.get();
        String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        List<String> segments = RouteSelector.segments(path);
        if (!segments.isEmpty() && !segments.get(0).equals(DEFAULT_STAGE) && api.stages().contains(segments.get(0))) {
            String stage = segments.get(0);
            String rest = path.substring(path.indexOf(stage) + stage.length());
            return dispatch(api, stage, request, rest.isEmpty() ? "/" : rest);
        }
        if (api.stages().contains(DEFAULT_STAGE)) {
            return dispatch(api, DEFAULT_STAGE, request, path);
        }
        return ResponseMapper.message(404, "Not Found");
    }

    /**
     * For callers that took the first path segment off as the stage: when no such stage exists and the API has a
     * {@code $default} stage, the segment goes back in front of the path.
     *
     * @param stage   the stage, already taken off the path
     * @param request its {@code rawPath} is the path after the stage
     */
    public GatewayResponse handle(String apiId, String stage, GatewayRequest request) {
        Optional<HttpApiView> api = registry.api(apiId);
        if (api.isEmpty()) {
            return ResponseMapper.message(404, "Not Found");
        }
        String path = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        if (stage != null && !stage.isEmpty() && !stage.equals(DEFAULT_STAGE) && api.get().stages().contains(stage)) {
            return dispatch(api.get(), stage, request, path);
        }
        if (api.get().stages().contains(DEFAULT_STAGE)) {
            // what the caller took for a stage is the first segment of a path on the $default stage
            String whole = stage == null || stage.isEmpty() || stage.equals(DEFAULT_STAGE)
                    ? path : "/" + stage + (path.equals("/") ? "" : path);
            return dispatch(api.get(), DEFAULT_STAGE, request, whole);
        }
        return ResponseMapper.message(404, "Not Found");
    }

    private GatewayResponse dispatch(HttpApiView api, String stage, GatewayRequest request, String routePath) {
        RequestFacts facts = new RequestFacts(request);
        long started = System.nanoTime();
        GatewayResponse response;
        if (api.cors() != null && HttpApiCors.isPreflight(facts)) {
            response = HttpApiCors.preflight(api.cors(), facts);
        } else {
            response = route(api, stage, facts, routePath);
            if (api.cors() != null) response = HttpApiCors.apply(api.cors(), facts.header("origin"), response);
        }
        accessLog.served(new AccessLog.Entry(api.apiId(), stage, facts.requestId, facts.timeEpoch, facts.request.method(),
                routePath, response.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                facts.integrationUri));
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("apigw-requestid", List.of(facts.requestId));
        return new GatewayResponse(response.status(), headers, response.body());
    }

    private GatewayResponse route(HttpApiView api, String stage, RequestFacts facts, String routePath) {
        String method = facts.request.method();
        Optional<RouteSelector.Match> match = RouteSelector.select(api.routes(), method, routePath);
        if (match.isEmpty()) {
            return ResponseMapper.message(404, "Not Found");
        }
        HttpApiView.Route route = match.get().route();
        String rawPath = DEFAULT_STAGE.equals(stage) ? routePath : "/" + stage + routePath;
        String domain = facts.domainName(api.apiId() + ".execute-api." + api.region() + ".amazonaws.com");
        addForwardingHeaders(facts);
        EventBuilder.Target target = new EventBuilder.Target(route.routeKey(), rawPath, stage, api.accountId(), api.apiId(),
                domain, match.get().pathParameters(), Map.of(), null);
        String executeApiArn = "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.apiId() + "/" + stage;
        String routeArn = executeApiArn + "/" + method + routePath;

        if ("CUSTOM".equals(route.authorizationType())) {
            HttpApiView.Authorizer authorizer = route.authorizerId() == null ? null : api.authorizers().get(route.authorizerId());
            if (authorizer == null) {
                return ResponseMapper.message(500, "Internal Server Error");
            }
            LambdaAuthorizers.Verdict verdict = authorizers.authorize(api, authorizer, facts, target, routeArn,
                    resourcePath(route, routePath));
            if (!verdict.allowed()) {
                return verdict.denial();
            }
            ObjectNode authorizerNode = EventBuilder.JSON.createObjectNode();
            authorizerNode.set("lambda", verdict.context());
            target = new EventBuilder.Target(target.routeKey(), target.rawPath(), stage, target.accountId(), target.apiId(),
                    domain, target.pathParameters(), target.stageVariables(), authorizerNode);
        }

        HttpApiView.Integration integration = integrationOf(api, route);
        if (integration == null) {
            return ResponseMapper.message(404, "Not Found");
        }
        if (!"AWS_PROXY".equalsIgnoreCase(integration.integrationType())) {
            // only Lambda proxy integrations run locally
            return ResponseMapper.message(500, "Internal Server Error");
        }
        facts.integrationUri = integration.integrationUri();
        boolean v1 = "1.0".equals(integration.payloadFormatVersion());
        String sourceArn = "$default".equals(route.routeKey())
                ? executeApiArn + "/$default"
                : executeApiArn + "/" + method + templatePath(route.routeKey());
        byte[] event;
        try {
            event = EventBuilder.JSON.writeValueAsBytes(v1
                    ? EventBuilder.payloadV1(facts, target, resourcePath(route, routePath))
                    : EventBuilder.payloadV2(facts, target));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (event.length > ServiceInvoker.MAX_PAYLOAD) {
            return ResponseMapper.message(413, "Request Entity Too Large"); // Lambda refuses it: RequestTooLargeException
        }
        InvocationResult result;
        int timeout = integration.timeoutInMillis() > 0
                ? Math.min(integration.timeoutInMillis(), MAX_INTEGRATION_TIMEOUT_MILLIS) : MAX_INTEGRATION_TIMEOUT_MILLIS;
        Future<InvocationResult> call = integrationCalls.submit(() ->
                invoker.invoke(integration.integrationUri(), "apigateway.amazonaws.com", sourceArn, event));
        try {
            result = call.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ResponseMapper.message(503, "Service Unavailable"); // the function keeps running, as on AWS
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceInvoker.NotPermittedException
                    || e.getCause() instanceof ServiceInvoker.FunctionNotFoundException) {
                return ResponseMapper.message(500, "Internal Server Error");
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ResponseMapper.message(503, "Service Unavailable");
        }
        return mapped(result, v1);
    }

    private static GatewayResponse mapped(InvocationResult result, boolean v1) {
        if (result.failed()) {
            return ResponseMapper.message(500, "Internal Server Error");
        }
        GatewayResponse mapped = v1 ? ResponseMapper.fromV1(result.payload()) : ResponseMapper.fromV2(result.payload());
        return mapped != null ? mapped : ResponseMapper.message(500, "Internal Server Error");
    }

    private static HttpApiView.Integration integrationOf(HttpApiView api, HttpApiView.Route route) {
        String target = route.target();
        if (target == null || !target.startsWith("integrations/")) {
            return null;
        }
        return api.integrations().get(target.substring("integrations/".length()));
    }

    /** The route's path template ({@code /pets/{id}}); for the $default route, the request's path. */
    private static String resourcePath(HttpApiView.Route route, String routePath) {
        return route.routeKey().contains(" ") ? templatePath(route.routeKey()) : routePath;
    }

    private static String templatePath(String routeKey) {
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /** API Gateway tells the integration who called, as a load balancer does. */
    static void addForwardingHeaders(RequestFacts facts) {
        String host = facts.header("host");
        String port = host != null && host.lastIndexOf(':') > host.lastIndexOf(']') ? host.substring(host.lastIndexOf(':') + 1) : "80";
        facts.addHeader("x-forwarded-for", facts.request.sourceIp(), true);
        facts.addHeader("x-forwarded-port", port, false);
        facts.addHeader("x-forwarded-proto", "http", false);
        byte[] traceBytes = new byte[12];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(traceBytes);
        facts.addHeader("x-amzn-trace-id", "Root=1-" + Long.toHexString(facts.timeEpoch / 1000) + "-"
                + java.util.HexFormat.of().formatHex(traceBytes), false);
    }
}
