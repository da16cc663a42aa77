package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event an HTTP API sends a route's function (payload format 2.0), built by the code the local data plane
 * uses, for callers that invoke a route's function directly ({@code javeze invoke --http}).
 */
public final class HttpApiEvents {
    /** @param pathParameters the route's path variables, decoded */
    public record RouteMatch(String routeKey, Map<String, String> pathParameters) {}

    private HttpApiEvents() {}

    /**
     * API Gateway's route selection among {@code routeKeys} ({@code GET /users/{id}}, ...).
     *
     * @param path the request path without the stage, still percent-encoded
     */
    public static Optional<RouteMatch> match(List<String> routeKeys, String method, String path) {
        List<HttpApiView.Route> routes = routeKeys.stream()
                .map(key -> new HttpApiView.Route(key, key, null, "NONE", null)).toList();
        return RouteSelector.select(routes, method, path)
                .map(m -> new RouteMatch(m.route().routeKey(), m.pathParameters()));
    }

    /**
     * @param request its {@code rawPath} is the path after the stage; a request without {@code Host} gets {@code domainName}
     * @param stage   the stage name ({@code $default} puts no prefix on {@code rawPath})
     */
    public static ObjectNode payloadV2(GatewayRequest request, RouteMatch route, String stage, String accountId, String apiId,
                                       String domainName) {
        RequestFacts facts = new RequestFacts(request);
        facts.addHeader("host", domainName, false);
        HttpApiDataPlane.addForwardingHeaders(facts);
        String rawPath = HttpApiDataPlane.DEFAULT_STAGE.equals(stage) ? request.rawPath() : "/" + stage + request.rawPath();
        EventBuilder.Target target = new EventBuilder.Target(route.routeKey(), rawPath, stage, accountId, apiId,
                facts.domainName(domainName), route.pathParameters(), Map.of(), null);
        return EventBuilder.payloadV2(facts, target);
    }
}
