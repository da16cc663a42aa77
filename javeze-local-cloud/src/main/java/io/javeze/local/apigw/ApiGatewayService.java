package io.javeze.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.gateway.HttpApiRegistry;
import io.javeze.local.gateway.HttpApiView;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** API Gateway v2 HTTP APIs (rest-json): APIs, routes, integrations, authorizers, stages, deployments, tags. */
public final class ApiGatewayService implements AwsService, HttpApiRegistry {
    private static final Pattern ROUTE_KEY = Pattern.compile("\\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) /[^\\s]*");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Kind> KINDS = Map.of(
            "routes", new Kind("routeId", "routeKey"),
            "integrations", new Kind("integrationId", "integrationType"),
            "authorizers", new Kind("authorizerId", "name"),
            "stages", new Kind("stageName", "stageName"),
            "deployments", new Kind("deploymentId", null));

    private record Kind(String idField, String requiredField) {}

    private final StateStore store;
    private final ObjectNode state;
    private final String region;
    private final URI endpoint;

    public ApiGatewayService(StateStore store, String region, URI endpoint) {
        this.store = store;
        this.region = region;
        this.endpoint = endpoint;
        this.state = store.load("apigateway");
        if (!state.has("apis")) {
            state.putObject("apis");
        }
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    private ObjectNode apis() {
        return (ObjectNode) state.get("apis");
    }

    private void save() {
        store.save("apigateway", state);
    }

    private static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public synchronized AwsResponse handle(AwsCall call) {
        String op = call.operation();
        switch (op) {
            case "CreateApi":
                return AwsResponse.json(201, createApi(call));
            case "GetApi":
                return AwsResponse.json(view(apiNode(call.path("apiId"))));
            case "GetApis": {
                ArrayNode items = Json.array();
                apis().forEach(a -> items.add(view((ObjectNode) a)));
                return AwsResponse.json((ObjectNode) Json.object().set("items", items));
            }
            case "DeleteCorsConfiguration": {
                ObjectNode a = apiNode(call.path("apiId"));
                a.remove("corsConfiguration");
                save();
                return AwsResponse.empty(204);
            }
            case "UpdateApi": {
                ObjectNode a = apiNode(call.path("apiId"));
                JsonNode in = call.json();
                validateCors(in.get("corsConfiguration"));
                for (String f : List.of("name", "description", "corsConfiguration", "disableExecuteApiEndpoint", "version",
                        "routeSelectionExpression", "apiKeySelectionExpression")) {
                    if (in.has(f)) {
                        a.set(f, in.get(f).deepCopy());
                    }
                }
                save();
                return AwsResponse.json(view(a));
            }
            case "DeleteApi":
                apiNode(call.path("apiId"));
                apis().remove(call.path("apiId"));
                save();
                return AwsResponse.empty(204);
            case "TagResource": {
                JsonNode tags = call.json().path("tags");
                if (!tags.isObject()) {
                    throw new AwsException(400, "BadRequestException", "tags is required");
                }
                tags(call.path("resource-arn")).setAll((ObjectNode) tags.deepCopy());
                save();
                return AwsResponse.empty(201);
            }
            case "UntagResource": {
                ObjectNode tags = tags(call.path("resource-arn"));
                call.queryAll("tagKeys").forEach(tags::remove);
                save();
                return AwsResponse.empty(204);
            }
            case "GetTags":
                return AwsResponse.json((ObjectNode) Json.object().set("tags", tags(call.path("resource-arn")).deepCopy()));
            default:
                break;
        }
        String[] parts = op.replaceFirst("^(Create|Get|Update|Delete)", "$1 ").split(" ");
        if (parts.length != 2) {
            throw new AwsException(404, "NotFoundException", "The local cloud does not implement " + op);
        }
        String verb = parts[0];
        String noun = parts[1].toLowerCase();
        String collection = noun.endsWith("s") ? noun : noun + "s";
        Kind kind = KINDS.get(collection);
        if (kind == null) {
            throw new AwsException(404, "NotFoundException", "The local cloud does not implement " + op);
        }
        ObjectNode api = apiNode(call.path("apiId"));
        ObjectNode items = (ObjectNode) api.get(collection);
        String id = call.path(kind.idField());
        return switch (verb) {
            case "Create" -> AwsResponse.json(201, create(api, collection, kind, call.json()));
            case "Get" -> {
                if (noun.endsWith("s")) {
                    ArrayNode list = Json.array();
                    items.forEach(i -> list.add(i.deepCopy()));
                    yield AwsResponse.json((ObjectNode) Json.object().set("items", list));
                }
                yield AwsResponse.json(item(items, collection, id).deepCopy());
            }
            case "Update" -> AwsResponse.json(update(api, collection, item(items, collection, id), call.json()));
            case "Delete" -> {
                item(items, collection, id);
                items.remove(id);
                save();
                yield AwsResponse.empty(204);
            }
            default -> throw new AwsException(404, "NotFoundException", "Unknown operation " + op);
        };
    }

    private String apiArn(String apiId) {
        return "arn:aws:apigateway:" + region + "::/apis/" + apiId;
    }

    private ObjectNode apiNode(String apiId) {
        JsonNode a = apiId == null ? null : apis().get(apiId);
        if (a == null) {
            throw new AwsException(404, "NotFoundException", "Invalid API identifier specified " + LocalAccount.ID + ":" + apiId);
        }
        return (ObjectNode) a;
    }

    private ObjectNode tags(String arn) {
        String apiId = arn.replaceFirst("^arn:aws:apigateway:[a-z0-9-]*::/apis/", "");
        if (apiId.contains("/")) {
            apiId = apiId.substring(0, apiId.indexOf('/'));
        }
        ObjectNode a = apiNode(apiId);
        return (ObjectNode) a.get("tags");
    }

    private static ObjectNode view(ObjectNode api) {
        ObjectNode v = api.deepCopy();
        v.remove(KINDS.keySet());
        return v;
    }

    private ObjectNode createApi(AwsCall call) {
        JsonNode in = call.json();
        String name = in.path("name").asText("");
        if (name.isEmpty() || name.length() > 128) {
            throw new AwsException(400, "BadRequestException", "Invalid API name specified, must be 1-128 characters");
        }
        String protocol = in.path("protocolType").asText("");
        if (!protocol.equals("HTTP")) {
            throw new AwsException(400, "BadRequestException", "The local cloud serves HTTP APIs only; protocolType must be HTTP, got '"
                    + protocol + "'");
        }
        String target = in.path("target").asText(null);
        String routeKey = in.path("routeKey").asText("$default");
        if (target != null) {
            quickCreateIntegrationType(target);
            if (!ROUTE_KEY.matcher(routeKey).matches()) {
                throw new AwsException(400, "BadRequestException", "Unable to create route " + routeKey
                        + ". Route key must be $default or of the form 'METHOD /path'");
            }
        }
        validateCors(in.get("corsConfiguration"));
        String apiId = newId();
        ObjectNode a = apis().putObject(apiId);
        a.put("apiId", apiId).put("name", name).put("protocolType", "HTTP")
                .put("apiEndpoint", "http://" + apiId + ".execute-api.localhost:" + endpoint.getPort())
                .put("apiKeySelectionExpression", "$request.header.x-api-key")
                .put("routeSelectionExpression", in.path("routeSelectionExpression").asText("$request.method $request.path"))
                .put("createdDate", Clock.iso(System.currentTimeMillis()))
                .put("disableExecuteApiEndpoint", in.path("disableExecuteApiEndpoint").asBoolean(false));
        for (String f : List.of("description", "corsConfiguration", "version")) {
            if (in.has(f)) {
                a.set(f, in.get(f).deepCopy());
            }
        }
        a.set("tags", in.path("tags").isObject() ? in.get("tags").deepCopy() : Json.object());
        KINDS.keySet().forEach(a::putObject);
        if (target != null) {
            quickCreate(a, target, routeKey, in.path("credentialsArn").asText(null));
        }
        save();
        return view(a);
    }

    /**
     * Quick create, as AWS does it: an integration with the target (AWS_PROXY with payload 2.0 for a function ARN,
     * HTTP_PROXY for a URL), a route (the {@code $default} catch-all unless a route key is given) and the
     * {@code $default} stage deploying automatically. Adds no invoke permission to the function, as AWS adds none.
     */
    private void quickCreate(ObjectNode api, String target, String routeKey, String credentialsArn) {
        String type = quickCreateIntegrationType(target);
        ObjectNode integration = Json.object().put("integrationType", type).put("integrationUri", target)
                .put("payloadFormatVersion", type.equals("AWS_PROXY") ? "2.0" : "1.0")
                .put("integrationMethod", type.equals("AWS_PROXY") ? "POST" : "ANY");
        if (credentialsArn != null) {
            integration.put("credentialsArn", credentialsArn);
        }
        String integrationId = create(api, "integrations", KINDS.get("integrations"), integration).get("integrationId").asText();
        create(api, "routes", KINDS.get("routes"), Json.object().put("routeKey", routeKey).put("target", "integrations/" + integrationId));
        create(api, "stages", KINDS.get("stages"), Json.object().put("stageName", "$default").put("autoDeploy", true));
    }

    private static String quickCreateIntegrationType(String target) {
        if (target.matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?")) {
            return "AWS_PROXY";
        }
        if (target.matches("https?://.+")) {
            return "HTTP_PROXY";
        }
        throw new AwsException(400, "BadRequestException", "Invalid target " + target
                + ": quick create takes a Lambda function ARN or an HTTP(S) URL");
    }

    private static ObjectNode item(ObjectNode items, String collection, String id) {
        JsonNode i = id == null ? null : items.get(id);
        if (i == null) {
            String what = collection.substring(0, collection.length() - 1);
            throw new AwsException(404, "NotFoundException", "Invalid " + (what.equals("stage") ? "stage identifier" : what + " identifier")
                    + " specified " + id);
        }
        return (ObjectNode) i;
    }

    private ObjectNode create(ObjectNode api, String collection, Kind kind, JsonNode in) {
        if (kind.requiredField() != null && in.path(kind.requiredField()).asText("").isEmpty()) {
            throw new AwsException(400, "BadRequestException", kind.requiredField() + " is required");
        }
        ObjectNode items = (ObjectNode) api.get(collection);
        ObjectNode item = ((ObjectNode) in).deepCopy();
        String id = collection.equals("stages") ? in.get("stageName").asText() : newId();
        if (items.has(id)) {
            throw new AwsException(409, "ConflictException", "Stage already exists");
        }
        item.put(kind.idField(), id);
        long now = System.currentTimeMillis();
        switch (collection) {
            case "routes" -> {
                item.put("apiKeyRequired", in.path("apiKeyRequired").asBoolean(false));
                item.put("authorizationType", in.path("authorizationType").asText("NONE"));
            }
            case "integrations" -> {
                item.put("connectionType", in.path("connectionType").asText("INTERNET"));
                item.put("timeoutInMillis", in.path("timeoutInMillis").asInt(30000));
                if (in.path("integrationType").asText().equals("AWS_PROXY") && !item.has("payloadFormatVersion")) {
                    throw new AwsException(400, "BadRequestException", "PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs");
                }
                if (in.path("integrationType").asText().equals("AWS_PROXY") && !item.has("integrationMethod")) {
                    item.put("integrationMethod", "POST"); // what AWS reports: it invokes the function with POST
                }
            }
            case "authorizers" -> {
                if (!in.path("authorizerType").asText("").matches("REQUEST|JWT")) {
                    throw new AwsException(400, "BadRequestException", "AuthorizerType must be REQUEST or JWT");
                }
                item.put("authorizerResultTtlInSeconds", in.path("authorizerResultTtlInSeconds").asInt(0));
            }
            case "stages" -> {
                item.put("createdDate", Clock.iso(now)).put("lastUpdatedDate", Clock.iso(now));
                item.put("autoDeploy", in.path("autoDeploy").asBoolean(false));
                if (!item.has("defaultRouteSettings")) {
                    item.putObject("defaultRouteSettings").put("detailedMetricsEnabled", false);
                }
                if (!item.has("routeSettings")) {
                    item.putObject("routeSettings");
                }
                if (!item.has("stageVariables")) {
                    item.putObject("stageVariables");
                }
                if (!item.has("tags")) {
                    item.putObject("tags");
                }
            }
            case "deployments" -> item.put("createdDate", Clock.iso(now)).put("deploymentStatus", "DEPLOYED").put("autoDeployed", false);
            default -> { }
        }
        validate(api, collection, item, null);
        items.set(id, item);
        save();
        return item.deepCopy();
    }

    private ObjectNode update(ObjectNode api, String collection, ObjectNode existing, JsonNode in) {
        ObjectNode updated = existing.deepCopy();
        in.fields().forEachRemaining(e -> updated.set(e.getKey(), e.getValue().deepCopy()));
        if (collection.equals("stages")) {
            updated.put("lastUpdatedDate", Clock.iso(System.currentTimeMillis()));
        }
        String idField = KINDS.get(collection).idField();
        updated.set(idField, existing.get(idField));
        validate(api, collection, updated, existing.get(idField).asText());
        ((ObjectNode) api.get(collection)).set(existing.get(idField).asText(), updated);
        save();
        return updated.deepCopy();
    }

    private static void validate(ObjectNode api, String collection, ObjectNode item, String selfId) {
        if (!collection.equals("routes")) {
            return;
        }
        String key = item.path("routeKey").asText();
        if (!ROUTE_KEY.matcher(key).matches()) {
            throw new AwsException(400, "BadRequestException", "Unable to create route " + key
                    + ". Route key must be $default or of the form 'METHOD /path'");
        }
        for (JsonNode r : api.get("routes")) {
            if (r.get("routeKey").asText().equals(key) && !r.get("routeId").asText().equals(selfId)
                    && !r.get("routeId").asText().equals(item.get("routeId").asText())) {
                throw new AwsException(409, "ConflictException", "Unable to create route. Route key " + key + " already exists for this API");
            }
        }
        String target = item.path("target").asText(null);
        if (target != null && !(target.startsWith("integrations/") && api.get("integrations").has(target.substring("integrations/".length())))) {
            throw new AwsException(400, "BadRequestException", "Invalid integration identifier specified in target " + target);
        }
        String auth = item.path("authorizationType").asText("NONE");
        if (auth.equals("CUSTOM") || auth.equals("JWT")) {
            if (!api.get("authorizers").has(item.path("authorizerId").asText(""))) {
                throw new AwsException(400, "BadRequestException", "Invalid authorizer identifier specified " + item.path("authorizerId").asText(""));
            }
        }
    }

    /** API Gateway refuses credentials with the wildcard origin (browsers would ignore them) and a max age out of range. */
    private static void validateCors(JsonNode cors) {
        if (cors == null || cors.isNull()) return;
        if (!cors.isObject()) throw new AwsException(400, "BadRequestException", "corsConfiguration must be an object");
        boolean wildcard = false;
        for (JsonNode o : cors.path("allowOrigins")) wildcard |= o.asText().equals("*");
        if (wildcard && cors.path("allowCredentials").asBoolean(false)) {
            throw new AwsException(400, "BadRequestException",
                    "allowCredentials cannot be true when allowOrigins contains the wildcard origin '*'");
        }
        if (cors.has("maxAge") && (cors.get("maxAge").asInt() < -1 || cors.get("maxAge").asInt() > 86400)) {
            throw new AwsException(400, "BadRequestException", "maxAge must be between -1 and 86400");
        }
    }

    private static HttpApiView.Cors cors(JsonNode c) {
        if (c == null || !c.isObject()) return null;
        return new HttpApiView.Cors(strings(c.get("allowOrigins")), strings(c.get("allowMethods")), strings(c.get("allowHeaders")),
                strings(c.get("exposeHeaders")), c.path("allowCredentials").asBoolean(false),
                c.hasNonNull("maxAge") ? c.get("maxAge").asInt() : null);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The data plane's snapshot of one API. */
    @Override
    public synchronized Optional<HttpApiView> api(String apiId) {
        JsonNode a = apiId == null ? null : apis().get(apiId);
        if (a == null) {
            return Optional.empty();
        }
        List<HttpApiView.Route> routes = new ArrayList<>();
        a.get("routes").forEach(r -> routes.add(new HttpApiView.Route(r.get("routeId").asText(), r.get("routeKey").asText(),
                r.path("target").asText(null), r.path("authorizationType").asText("NONE"), r.path("authorizerId").asText(null))));
        Map<String, HttpApiView.Integration> integrations = new java.util.LinkedHashMap<>();
        a.get("integrations").forEach(i -> integrations.put(i.get("integrationId").asText(), new HttpApiView.Integration(
                i.get("integrationId").asText(), i.path("integrationType").asText(), i.path("integrationUri").asText(null),
                i.path("payloadFormatVersion").asText("2.0"), i.path("timeoutInMillis").asInt(30000))));
        Map<String, HttpApiView.Authorizer> authorizers = new java.util.LinkedHashMap<>();
        a.get("authorizers").forEach(z -> {
            List<String> sources = new ArrayList<>();
            z.path("identitySource").forEach(s -> sources.add(s.asText()));
            authorizers.put(z.get("authorizerId").asText(), new HttpApiView.Authorizer(z.get("authorizerId").asText(),
                    z.path("name").asText(), z.path("authorizerUri").asText(null), sources, z.path("enableSimpleResponses").asBoolean(false),
                    z.path("authorizerPayloadFormatVersion").asText("2.0"), z.path("authorizerResultTtlInSeconds").asInt(0)));
        });
        Set<String> stages = new LinkedHashSet<>();
        a.get("stages").fieldNames().forEachRemaining(stages::add);
        return Optional.of(new HttpApiView(apiId, region, LocalAccount.ID, routes, integrations, authorizers, stages,
                cors(a.get("corsConfiguration"))));
    }

    /** API ids and names, for {@code javeze local status}. */
    public synchronized Map<String, String> apiNames() {
        Map<String, String> out = new java.util.TreeMap<>();
        apis().forEach(a -> out.put(a.get("apiId").asText(), a.get("name").asText()));
        return out;
    }
}
