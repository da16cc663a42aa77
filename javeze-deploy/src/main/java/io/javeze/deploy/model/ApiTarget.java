package io.javeze.deploy.model;

import io.javeze.config.HttpCors;
import java.util.List;
import java.util.Map;

/**
 * The service's HTTP API for one stage: its routes, authorizers, the auto-deployed stage and its CORS configuration
 * ({@code [http.cors]}, null for none).
 */
public record ApiTarget(String name, String stage, Map<String, String> tags, List<RouteTarget> routes,
                        List<AuthorizerTarget> authorizers, HttpCors cors) {

    public ApiTarget {
        tags = Map.copyOf(tags);
        routes = List.copyOf(routes);
        authorizers = List.copyOf(authorizers);
    }

    /** @param function the serving function's app name; @param authorizer null for an open route */
    public record RouteTarget(String routeKey, String method, String path, String function, String authorizer) {}

    /** @param function the deciding function's app name */
    public record AuthorizerTarget(String name, String function, List<String> identitySources, int resultTtlSeconds) {
        public AuthorizerTarget {
            identitySources = List.copyOf(identitySources);
        }
    }
}
