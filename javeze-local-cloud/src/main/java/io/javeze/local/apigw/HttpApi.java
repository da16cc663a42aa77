package io.javeze.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP API and everything under it, immutable: a change makes a new one. Components are API Gateway v2's model
 * members in lower camel case (see {@link io.javeze.local.protocol.ShapedRecords}); timestamps are epoch seconds;
 * nested structures the local cloud only stores and returns stay shaped documents.
 */
public record HttpApi(Api api, Map<String, Route> routes, Map<String, Integration> integrations,
                      Map<String, Authorizer> authorizers, Map<String, Stage> stages, Map<String, Deployment> deployments) {

    public HttpApi {
        routes = frozen(routes);
        integrations = frozen(integrations);
        authorizers = frozen(authorizers);
        stages = frozen(stages);
        deployments = frozen(deployments);
    }

    private static <T> Map<String, T> frozen(Map<String, T> items) {
        return items == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    public record Api(String apiId, String name, String protocolType, String apiEndpoint, String apiKeySelectionExpression,
                      String routeSelectionExpression, String description, String version, Cors corsConfiguration,
                      Boolean disableExecuteApiEndpoint, Boolean disableSchemaValidation, Boolean apiGatewayManaged,
                      Long createdDate, Map<String, String> tags, List<String> warnings, List<String> importInfo) {}

    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Boolean allowCredentials, Integer maxAge) {}

    public record Route(String routeId, String routeKey, String target, String authorizationType, String authorizerId,
                        Boolean apiKeyRequired, List<String> authorizationScopes, String operationName,
                        String modelSelectionExpression, String routeResponseSelectionExpression,
                        Map<String, String> requestModels, JsonNode requestParameters, Boolean apiGatewayManaged) {}

    public record Integration(String integrationId, String integrationType, String integrationUri, String integrationMethod,
                              String payloadFormatVersion, Integer timeoutInMillis, String connectionType,
                              String connectionId, String credentialsArn, String description, String integrationSubtype,
                              String passthroughBehavior, String contentHandlingStrategy,
                              String templateSelectionExpression, String integrationResponseSelectionExpression,
                              Map<String, String> requestParameters, Map<String, String> requestTemplates,
                              JsonNode responseParameters, JsonNode tlsConfig, Boolean apiGatewayManaged) {}

    public record Authorizer(String authorizerId, String name, String authorizerType, String authorizerUri,
                             String authorizerCredentialsArn, String authorizerPayloadFormatVersion,
                             Integer authorizerResultTtlInSeconds, Boolean enableSimpleResponses,
                             List<String> identitySource, String identityValidationExpression, JsonNode jwtConfiguration) {}

    public record Stage(String stageName, String description, String deploymentId, Boolean autoDeploy, Long createdDate,
                        Long lastUpdatedDate, JsonNode defaultRouteSettings, JsonNode routeSettings,
                        Map<String, String> stageVariables, JsonNode accessLogSettings, String clientCertificateId,
                        String lastDeploymentStatusMessage, Map<String, String> tags, Boolean apiGatewayManaged) {}

    public record Deployment(String deploymentId, String description, String deploymentStatus,
                             String deploymentStatusMessage, Boolean autoDeployed, Long createdDate) {}

    /** The collections under an API, each with its record type and the member that identifies an item. */
    public enum Kind {
        ROUTE(Route.class, "RouteId"),
        INTEGRATION(Integration.class, "IntegrationId"),
        AUTHORIZER(Authorizer.class, "AuthorizerId"),
        STAGE(Stage.class, "StageName"),
        DEPLOYMENT(Deployment.class, "DeploymentId");

        final Class<?> type;
        final String idMember;

        Kind(Class<?> type, String idMember) {
            this.type = type;
            this.idMember = idMember;
        }

        /** The kind an operation name is about ({@code GetRoutes} → ROUTE), or null. */
        static Kind of(String noun) {
            for (Kind k : values()) {
                String name = k.type.getSimpleName();
                if (noun.equals(name) || noun.equals(name + "s")) {
                    return k;
                }
            }
            return null;
        }
    }

    public Map<String, ?> items(Kind kind) {
        return switch (kind) {
            case ROUTE -> routes;
            case INTEGRATION -> integrations;
            case AUTHORIZER -> authorizers;
            case STAGE -> stages;
            case DEPLOYMENT -> deployments;
        };
    }

    public HttpApi withApi(Api next) {
        return new HttpApi(next, routes, integrations, authorizers, stages, deployments);
    }

    /** This API with the item {@code id} of {@code kind} put (or removed, for a null item). */
    @SuppressWarnings("unchecked")
    public HttpApi with(Kind kind, String id, Object item) {
        Map<String, Object> changed = new LinkedHashMap<>(items(kind));
        if (item == null) {
            changed.remove(id);
        } else {
            changed.put(id, kind.type.cast(item));
        }
        return switch (kind) {
            case ROUTE -> new HttpApi(api, (Map<String, Route>) (Map<String, ?>) changed, integrations, authorizers, stages, deployments);
            case INTEGRATION -> new HttpApi(api, routes, (Map<String, Integration>) (Map<String, ?>) changed, authorizers, stages, deployments);
            case AUTHORIZER -> new HttpApi(api, routes, integrations, (Map<String, Authorizer>) (Map<String, ?>) changed, stages, deployments);
            case STAGE -> new HttpApi(api, routes, integrations, authorizers, (Map<String, Stage>) (Map<String, ?>) changed, deployments);
            case DEPLOYMENT -> new HttpApi(api, routes, integrations, authorizers, stages, (Map<String, Deployment>) (Map<String, ?>) changed);
        };
    }
}
