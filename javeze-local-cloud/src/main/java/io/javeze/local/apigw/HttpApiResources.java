package io.javeze.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.apigw.HttpApi.Api;
import io.javeze.local.apigw.HttpApi.Kind;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.ShapedRecords;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What API Gateway v2 checks and fills in when an HTTP API or one of its resources is created or changed: defaults,
 * route keys and targets, CORS rules, quick create. Works on immutable {@link HttpApi}s; the caller stores the result.
 */
final class HttpApiResources {
    private static final Pattern ROUTE_KEY = Pattern.compile("\\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^\\s]*");
    private static final List<String> UPDATABLE_API_MEMBERS = List.of("Name", "Description", "CorsConfiguration",
            "DisableExecuteApiEndpoint", "DisableSchemaValidation", "Version", "RouteSelectionExpression",
            "ApiKeySelectionExpression");

    private HttpApiResources() {}

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static HttpApi createApi(ObjectNode in, String apiId, String endpoint, Supplier<String> ids) {
        String name = in.path("Name").asText("");
        if (name.isEmpty() || name.length() > 128) {
            throw badRequest("Invalid API name specified, must be 1-128 characters");
        }
        String protocol = in.path("ProtocolType").asText("");
        if (!protocol.equals("HTTP")) {
            throw badRequest("The local cloud serves HTTP APIs only; protocolType must be HTTP, got '" + protocol + "'");
        }
        String target = in.path("Target").asText(null);
        String routeKey = in.path("RouteKey").asText("$default");
        if (target != null) {
            quickCreateIntegrationType(target);
            checkRouteKey(routeKey);
        }
        validateCors(in.get("CorsConfiguration"));
        ObjectNode api = Json.object().put("ApiId", apiId).put("Name", name).put("ProtocolType", "HTTP")
                .put("ApiEndpoint", endpoint).put("ApiKeySelectionExpression", "$request.header.x-api-key")
                .put("RouteSelectionExpression", in.path("RouteSelectionExpression").asText("$request.method $request.path"))
                .put("CreatedDate", now()).put("DisableExecuteApiEndpoint", in.path("DisableExecuteApiEndpoint").asBoolean(false));
        for (String m : List.of("Description", "CorsConfiguration", "Version", "DisableSchemaValidation")) {
            if (in.hasNonNull(m)) {
                api.set(m, in.get(m));
            }
        }
        api.set("Tags", in.path("Tags").isObject() ? in.get("Tags") : Json.object());
        HttpApi created = new HttpApi(ShapedRecords.read(api, Api.class), null, null, null, null, null);
        return target == null ? created : quickCreate(created, target, routeKey, in.path("CredentialsArn").asText(null), ids);
    }

    /**
     * Quick create, as AWS does it: an integration with the target (AWS_PROXY with payload 2.0 for a function ARN,
     * HTTP_PROXY for a URL), a route (the {@code $default} catch-all unless a route key is given) and the
     * {@code $default} stage deploying automatically, with its first deployment; all marked as managed by API Gateway.
     * Adds no invoke permission to the function, as AWS adds none.
     */
    private static HttpApi quickCreate(HttpApi api, String target, String routeKey, String credentialsArn, Supplier<String> ids) {
        String type = quickCreateIntegrationType(target);
        ObjectNode integration = Json.object().put("IntegrationType", type).put("IntegrationUri", target)
                .put("PayloadFormatVersion", type.equals("AWS_PROXY") ? "2.0" : "1.0")
                .put("IntegrationMethod", type.equals("AWS_PROXY") ? "POST" : "ANY").put("ApiGatewayManaged", true);
        if (credentialsArn != null) {
            integration.put("CredentialsArn", credentialsArn);
        }
        String integrationId = ids.get();
        api = create(api, Kind.INTEGRATION, integrationId, integration);
        api = create(api, Kind.ROUTE, ids.get(), Json.object().put("RouteKey", routeKey)
                .put("Target", "integrations/" + integrationId).put("ApiGatewayManaged", true));
        String deploymentId = ids.get();
        api = create(api, Kind.DEPLOYMENT, deploymentId, Json.object().put("AutoDeployed", true));
        return create(api, Kind.STAGE, "$default", Json.object().put("StageName", "$default").put("AutoDeploy", true)
                .put("DeploymentId", deploymentId).put("ApiGatewayManaged", true)
                .put("LastDeploymentStatusMessage", "Successfully deployed stage with deployment ID '" + deploymentId + "'"));
    }

    private static String quickCreateIntegrationType(String target) {
        if (target.matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?")) {
            return "AWS_PROXY";
        }
        if (target.matches("https?://.+")) {
            return "HTTP_PROXY";
        }
        throw badRequest("Invalid target " + target + ": quick create takes a Lambda function ARN or an HTTP(S) URL");
    }

    static Api updateApi(Api api, ObjectNode in) {
        validateCors(in.get("CorsConfiguration"));
        ObjectNode doc = ShapedRecords.write(api);
        for (String m : UPDATABLE_API_MEMBERS) {
            if (in.hasNonNull(m)) {
                doc.set(m, in.get(m));
            }
        }
        return ShapedRecords.read(doc, Api.class);
    }

    static Api withoutCors(Api api) {
        ObjectNode doc = ShapedRecords.write(api);
        doc.remove("CorsConfiguration");
        return ShapedRecords.read(doc, Api.class);
    }

    static Api withTags(Api api, Map<String, String> tags) {
        ObjectNode doc = ShapedRecords.write(api);
        doc.set("Tags", Json.MAPPER.valueToTree(tags));
        return ShapedRecords.read(doc, Api.class);
    }

    static Map<String, String> tags(JsonNode tags) {
        if (tags == null || !tags.isObject()) {
            throw badRequest("tags is required");
        }
        Map<String, String> out = new TreeMap<>();
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static Object existing(HttpApi api, Kind kind, String id) {
        Object item = id == null ? null : api.items(kind).get(id);
        if (item == null) {
            String what = kind.type.getSimpleName().toLowerCase();
            throw new AwsException(404, "NotFoundException", "Invalid " + what + " identifier specified " + id);
        }
        return item;
    }

    /** The API with a new resource {@code id}, completed with AWS's defaults and checked. */
    static HttpApi create(HttpApi api, Kind kind, String id, ObjectNode in) {
        if (api.items(kind).containsKey(id)) {
            throw new AwsException(409, "ConflictException", "Stage already exists");
        }
        ObjectNode item = in.deepCopy();
        item.put(kind.idMember, id);
        long now = now();
        switch (kind) {
            case ROUTE -> {
                defaultTo(item, "ApiKeyRequired", false);
                defaultTo(item, "AuthorizationType", "NONE");
            }
            case INTEGRATION -> {
                defaultTo(item, "ConnectionType", "INTERNET");
                defaultTo(item, "TimeoutInMillis", 30000);
                if (item.path("IntegrationType").asText().equals("AWS_PROXY")) {
                    if (!item.hasNonNull("PayloadFormatVersion")) {
                        throw badRequest("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs");
                    }
                    defaultTo(item, "IntegrationMethod", "POST"); // what AWS reports: it invokes the function with POST
                }
            }
            case AUTHORIZER -> {
                if (!item.path("AuthorizerType").asText("").matches("REQUEST|JWT")) {
                    throw badRequest("AuthorizerType must be REQUEST or JWT");
                }
                defaultTo(item, "AuthorizerResultTtlInSeconds", 0);
            }
            case STAGE -> {
                item.put("CreatedDate", now).put("LastUpdatedDate", now);
                defaultTo(item, "AutoDeploy", false);
                if (!item.hasNonNull("DefaultRouteSettings")) {
                    item.putObject("DefaultRouteSettings").put("DetailedMetricsEnabled", false);
                }
                for (String m : List.of("RouteSettings", "StageVariables", "Tags")) {
                    if (!item.hasNonNull(m)) {
                        item.putObject(m);
                    }
                }
            }
            case DEPLOYMENT -> {
                item.put("CreatedDate", now).put("DeploymentStatus", "DEPLOYED");
                defaultTo(item, "AutoDeployed", false);
            }
        }
        Object record = ShapedRecords.read(item, kind.type);
        validate(api, kind, record, id);
        HttpApi created = api.with(kind, id, record);
        return kind == Kind.DEPLOYMENT && in.hasNonNull("StageName") ? deployTo(created, in.get("StageName").asText(), id) : created;
    }

    /** CreateDeployment with a StageName deploys it to that stage, as on AWS. */
    private static HttpApi deployTo(HttpApi api, String stageName, String deploymentId) {
        ObjectNode stage = ShapedRecords.write(existing(api, Kind.STAGE, stageName));
        stage.put("DeploymentId", deploymentId).put("LastUpdatedDate", now());
        return api.with(Kind.STAGE, stageName, ShapedRecords.read(stage, HttpApi.Stage.class));
    }

    /** The API with resource {@code id} changed by the members {@code in} names. */
    static HttpApi update(HttpApi api, Kind kind, String id, ObjectNode in) {
        ObjectNode doc = ShapedRecords.write(existing(api, kind, id));
        in.fields().forEachRemaining(e -> doc.set(e.getKey(), e.getValue()));
        doc.put(kind.idMember, id);
        if (kind == Kind.STAGE) {
            doc.put("LastUpdatedDate", now());
        }
        Object record = ShapedRecords.read(doc, kind.type);
        validate(api, kind, record, id);
        return api.with(kind, id, record);
    }

    private static void defaultTo(ObjectNode item, String member, Object value) {
        if (!item.hasNonNull(member)) {
            item.set(member, Json.MAPPER.valueToTree(value));
        }
    }

    private static void validate(HttpApi api, Kind kind, Object record, String selfId) {
        if (!(record instanceof HttpApi.Route route)) {
            return;
        }
        String key = route.routeKey();
        checkRouteKey(key);
        for (HttpApi.Route r : api.routes().values()) {
            if (r.routeKey().equals(key) && !r.routeId().equals(selfId)) {
                throw new AwsException(409, "ConflictException", "Unable to create route. Route key " + key + " already exists for this API");
            }
        }
        String target = route.target();
        if (target != null && !(target.startsWith("integrations/")
                && api.integrations().containsKey(target.substring("integrations/".length())))) {
            throw badRequest("Invalid integration identifier specified in target " + target);
        }
        String auth = route.authorizationType() == null ? "NONE" : route.authorizationType();
        if ((auth.equals("CUSTOM") || auth.equals("JWT"))
                && !api.authorizers().containsKey(route.authorizerId() == null ? "" : route.authorizerId())) {
            throw badRequest("Invalid authorizer identifier specified " + route.authorizerId());
        }
    }

    private static void checkRouteKey(String key) {
        if (key == null || !ROUTE_KEY.matcher(key).matches()) {
            throw badRequest("Unable to create route " + key + ". Route key must be $default or of the form 'METHOD /path'");
        }
    }

    /** API Gateway refuses credentials with the wildcard origin (browsers would ignore them) and a max age out of range. */
    private static void validateCors(JsonNode cors) {
        if (cors == null || cors.isNull()) {
            return;
        }
        boolean wildcard = false;
        for (JsonNode o : cors.path("AllowOrigins")) {
            wildcard |= o.asText().equals("*");
        }
        if (wildcard && cors.path("AllowCredentials").asBoolean(false)) {
            throw badRequest("allowCredentials cannot be true when allowOrigins contains the wildcard origin '*'");
        }
        if (cors.has("MaxAge") && (cors.get("MaxAge").asInt() < -1 || cors.get("MaxAge").asInt() > 86400)) {
            throw badRequest("maxAge must be between -1 and 86400");
        }
    }

    private static AwsException badRequest(String message) {
        return new AwsException(400, "BadRequestException", message);
    }
}
