package io.javeze.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only snapshot of one HTTP API as the API Gateway v2 control plane stores it: what the data plane needs.
 *
 * @param stages names of the stages that exist (the local cloud treats every stage as auto-deployed)
 * @param cors   the API's CORS configuration, null when it has none
 */
public record HttpApiView(
        String apiId,
        String region,
        String accountId,
        List<Route> routes,
        Map<String, Integration> integrations,
        Map<String, Authorizer> authorizers,
        Set<String> stages,
        Cors cors) {

    public HttpApiView(String apiId, String region, String accountId, List<Route> routes, Map<String, Integration> integrations,
                       Map<String, Authorizer> authorizers, Set<String> stages) {
        this(apiId, region, accountId, routes, integrations, authorizers, stages, null);
    }

    /** API Gateway v2's {@code CorsConfiguration}; @param maxAge null when not set */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, boolean allowCredentials, Integer maxAge) {
        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
            exposeHeaders = List.copyOf(exposeHeaders);
        }
    }

    /** @param target {@code integrations/{integrationId}}; @param authorizationType NONE or CUSTOM */
    public record Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId) {}

    /** @param integrationUri a Lambda function ARN (or the apigateway invoke URI form) */
    public record Integration(String integrationId, String integrationType, String integrationUri,
                              String payloadFormatVersion, int timeoutInMillis) {}

    /** @param identitySources e.g. {@code $request.header.Authorization}; @param resultTtlSeconds 0 disables caching */
    public record Authorizer(String authorizerId, String name, String authorizerUri, List<String> identitySources,
                             boolean enableSimpleResponses, String payloadFormatVersion, int resultTtlSeconds) {}
}
