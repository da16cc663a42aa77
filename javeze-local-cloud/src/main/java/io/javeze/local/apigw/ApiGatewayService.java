package io.javeze.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.apigw.HttpApi.Api;
import io.javeze.local.apigw.HttpApi.Kind;
import io.javeze.local.gateway.HttpApiRegistry;
import io.javeze.local.gateway.HttpApiView;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapedRecords;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * API Gateway v2 HTTP APIs (rest-json): APIs, routes, integrations, authorizers, stages, deployments, tags. The generic
 * rest-json protocol parses the calls into the model's shapes; {@link HttpApiResources} checks and completes each
 * resource as AWS does; the {@link ApiGatewayStore} keeps them, one record per API.
 */
public final class ApiGatewayService implements Provider, HttpApiRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiGatewayStore store;
    private final URI endpoint;

    public ApiGatewayService(StateStore store, String region, URI endpoint) {
        this.store = new ApiGatewayStore(store, region);
        this.endpoint = endpoint;
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        String op = operation.name();
        switch (op) {
            case "CreateApi":
                return createApi(in);
            case "GetApi":
                return ShapedRecords.write(existingApi(text(in, "ApiId")).api());
            case "GetApis": {
                ObjectNode out = Json.object();
                ArrayNode items = out.putArray("Items");
                store.all().forEach(a -> items.add(ShapedRecords.write(a.api())));
                return out;
            }
            case "UpdateApi":
                return ShapedRecords.write(update(text(in, "ApiId"), a -> a.withApi(HttpApiResources.updateApi(a.api(), in))).api());
            case "DeleteCorsConfiguration":
                update(text(in, "ApiId"), a -> a.withApi(HttpApiResources.withoutCors(a.api())));
                return null;
            case "DeleteApi":
                if (!store.delete(text(in, "ApiId"))) {
                    throw apiNotFound(text(in, "ApiId"));
                }
                return null;
            case "TagResource": {
                Map<String, String> tags = HttpApiResources.tags(in.get("Tags"));
                update(apiIdOf(text(in, "ResourceArn")), a -> {
                    Map<String, String> merged = new TreeMap<>(a.api().tags() == null ? Map.of() : a.api().tags());
                    merged.putAll(tags);
                    return a.withApi(HttpApiResources.withTags(a.api(), merged));
                });
                return null;
            }
            case "UntagResource":
                update(apiIdOf(text(in, "ResourceArn")), a -> {
                    Map<String, String> kept = new TreeMap<>(a.api().tags() == null ? Map.of() : a.api().tags());
                    in.path("TagKeys").forEach(k -> kept.remove(k.asText()));
                    return a.withApi(HttpApiResources.withTags(a.api(), kept));
                });
                return null;
            case "GetTags": {
                Api a = existingApi(apiIdOf(text(in, "ResourceArn"))).api();
                ObjectNode out = Json.object();
                out.set("Tags", Json.MAPPER.valueToTree(a.tags() == null ? Map.of() : a.tags()));
                return out;
            }
            default:
                return item(op, in);
        }
    }

    /** Create, Get, Update and Delete of the resources under an API, and their lists ({@code GetRoutes}). */
    private ObjectNode item(String op, ObjectNode in) {
        String[] parts = op.replaceFirst("^(Create|Get|Update|Delete)", "$1 ").split(" ");
        Kind kind = parts.length == 2 ? Kind.of(parts[1]) : null;
        if (kind == null) {
            throw new AwsException(404, "NotFoundException", "The local cloud does not implement " + op);
        }
        String apiId = text(in, "ApiId");
        String id = text(in, kind.idMember);
        switch (parts[0]) {
            case "Create" -> {
                String newId = kind == Kind.STAGE ? id : newId();
                HttpApi a = update(apiId, api -> HttpApiResources.create(api, kind, newId, in));
                return ShapedRecords.write(a.items(kind).get(newId));
            }
            case "Get" -> {
                HttpApi a = existingApi(apiId);
                if (parts[1].endsWith("s")) {
                    ObjectNode out = Json.object();
                    ArrayNode items = out.putArray("Items");
                    a.items(kind).values().forEach(i -> items.add(ShapedRecords.write(i)));
                    return out;
                }
                return ShapedRecords.write(HttpApiResources.existing(a, kind, id));
            }
            case "Update" -> {
                HttpApi a = update(apiId, api -> HttpApiResources.update(api, kind, id, in));
                return ShapedRecords.write(a.items(kind).get(id));
            }
            case "Delete" -> {
                update(apiId, api -> {
                    HttpApiResources.existing(api, kind, id);
                    return api.with(kind, id, null);
                });
                return null;
            }
            default -> throw new AwsException(404, "NotFoundException", "Unknown operation " + op);
        }
    }

    private ObjectNode createApi(ObjectNode in) {
        String apiId = newId();
        HttpApi created = HttpApiResources.createApi(in, apiId,
                "http://" + apiId + ".execute-api.localhost:" + endpoint.getPort(), ApiGatewayService::newId);
        if (!store.create(created)) {
            throw new AwsException(409, "ConflictException", "API identifier " + apiId + " is taken: try again");
        }
        return ShapedRecords.write(created.api());
    }

    private HttpApi existingApi(String apiId) {
        HttpApi a = store.get(apiId);
        if (a == null) {
            throw apiNotFound(apiId);
        }
        return a;
    }

    private HttpApi update(String apiId, java.util.function.UnaryOperator<HttpApi> change) {
        HttpApi a = store.update(apiId, change);
        if (a == null) {
            throw apiNotFound(apiId);
        }
        return a;
    }

    private static AwsException apiNotFound(String apiId) {
        return new AwsException(404, "NotFoundException", "Invalid API identifier specified " + LocalAccount.ID + ":" + apiId);
    }

    /** The API of a tagged resource's ARN ({@code arn:aws:apigateway:REGION::/apis/ID[/...]}). */
    private static String apiIdOf(String arn) {
        String apiId = arn == null ? "" : arn.replaceFirst("^arn:aws:apigateway:[a-z0-9-]*::/apis/", "");
        return apiId.contains("/") ? apiId.substring(0, apiId.indexOf('/')) : apiId;
    }

    private static String text(JsonNode in, String member) {
        return in.hasNonNull(member) ? in.get(member).asText() : null;
    }

    /** The data plane's snapshot of one API, built when the API last changed. */
    @Override
    public Optional<HttpApiView> api(String apiId) {
        return store.view(apiId);
    }

    /** API ids and names, for {@code javeze local status}. */
    public Map<String, String> apiNames() {
        Map<String, String> out = new TreeMap<>();
        store.all().forEach(a -> out.put(a.api().apiId(), a.api().name()));
        return out;
    }
}
