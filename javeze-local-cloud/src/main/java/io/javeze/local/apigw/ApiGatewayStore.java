package io.javeze.local.apigw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.gateway.HttpApiView;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.RestJsonProtocol;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapedRecords;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The HTTP APIs: one journaled record per API (with its routes, integrations, authorizers, stages and deployments) in
 * the state store's {@code apigateway-apis} table. A change is atomic for its API only, so calls on different APIs
 * never wait on each other. Each API's data-plane view is built once per change, so a request reads it without a lock.
 */
final class ApiGatewayStore {
    static final String TABLE = "apigateway-apis";

    private record Entry(HttpApi api, HttpApiView view) {}

    /** One API's current state; its monitor is the API's lock, which only changes to that API take. */
    private static final class Slot {
        volatile Entry current;
        boolean deleted;

        Slot(Entry current) {
            this.current = current;
        }
    }

    private final Table table;
    private final String region;
    private final Map<String, Slot> apis = new ConcurrentHashMap<>();

    ApiGatewayStore(StateStore store, String region) {
        this.table = store.table(TABLE);
        this.region = region;
        table.records().forEach((id, json) -> apis.put(id, new Slot(entry(ShapedRecords.read(json, HttpApi.class)))));
        migrateDocument(store);
    }

    /** A data directory from before this store kept the APIs, as the wire writes them, in the {@code apigateway} document. */
    private void migrateDocument(StateStore store) {
        JsonNode legacy = store.load("apigateway").path("apis");
        if (legacy.isEmpty()) {
            return;
        }
        ServiceModel model = ServiceModel.of("apigateway");
        legacy.fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            ObjectNode shaped = Json.object();
            shaped.set("Api", RestJsonProtocol.fromWire(model.shape("Api"), a));
            for (HttpApi.Kind kind : HttpApi.Kind.values()) {
                String name = kind.type.getSimpleName();
                ObjectNode items = shaped.putObject(name + "s");
                a.path(name.toLowerCase() + "s").fields().forEachRemaining(i ->
                        items.set(i.getKey(), RestJsonProtocol.fromWire(model.shape(name), i.getValue())));
            }
            HttpApi api = ShapedRecords.read(shaped, HttpApi.class);
            apis.put(e.getKey(), new Slot(entry(api)));
            table.put(e.getKey(), ShapedRecords.write(api));
        });
        store.save("apigateway", Json.object());
    }

    HttpApi get(String apiId) {
        Slot slot = apiId == null ? null : apis.get(apiId);
        return slot == null ? null : slot.current.api();
    }

    /** Every API, oldest first. */
    List<HttpApi> all() {
        List<HttpApi> out = new ArrayList<>();
        apis.values().forEach(slot -> out.add(slot.current.api()));
        out.sort(Comparator.comparing((HttpApi a) -> a.api().createdDate() == null ? 0L : a.api().createdDate())
                .thenComparing(a -> a.api().apiId()));
        return out;
    }

    /** Adds a new API; false when its id is taken. */
    boolean create(HttpApi api) {
        Slot slot = new Slot(entry(api));
        synchronized (slot) {
            if (apis.putIfAbsent(api.api().apiId(), slot) != null) {
                return false;
            }
            table.put(api.api().apiId(), ShapedRecords.write(api));
            return true;
        }
    }

    /** Replaces the API with what {@code change} makes of it (which may throw, changing nothing); null when there is none. */
    HttpApi update(String apiId, UnaryOperator<HttpApi> change) {
        Slot slot = apiId == null ? null : apis.get(apiId);
        if (slot == null) {
            return null;
        }
        synchronized (slot) {
            if (slot.deleted) {
                return null;
            }
            HttpApi next = change.apply(slot.current.api());
            table.put(apiId, ShapedRecords.write(next));
            slot.current = entry(next);
            return next;
        }
    }

    boolean delete(String apiId) {
        Slot slot = apiId == null ? null : apis.get(apiId);
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            if (slot.deleted) {
                return false;
            }
            slot.deleted = true;
            table.remove(apiId);
            apis.remove(apiId, slot);
            return true;
        }
    }

    Optional<HttpApiView> view(String apiId) {
        Slot slot = apiId == null ? null : apis.get(apiId);
        return slot == null ? Optional.empty() : Optional.of(slot.current.view());
    }

    private Entry entry(HttpApi api) {
        return new Entry(api, view(api));
    }

    private HttpApiView view(HttpApi a) {
        List<HttpApiView.Route> routes = new ArrayList<>();
        a.routes().values().forEach(r -> routes.add(new HttpApiView.Route(r.routeId(), r.routeKey(), r.target(),
                r.authorizationType() == null ? "NONE" : r.authorizationType(), r.authorizerId())));
        Map<String, HttpApiView.Integration> integrations = new LinkedHashMap<>();
        a.integrations().values().forEach(i -> integrations.put(i.integrationId(), new HttpApiView.Integration(
                i.integrationId(), i.integrationType(), i.integrationUri(),
                i.payloadFormatVersion() == null ? "2.0" : i.payloadFormatVersion(),
                i.timeoutInMillis() == null ? 30000 : i.timeoutInMillis())));
        Map<String, HttpApiView.Authorizer> authorizers = new LinkedHashMap<>();
        a.authorizers().values().forEach(z -> authorizers.put(z.authorizerId(), new HttpApiView.Authorizer(z.authorizerId(),
                z.name(), z.authorizerUri(), z.identitySource() == null ? List.of() : z.identitySource(),
                Boolean.TRUE.equals(z.enableSimpleResponses()),
                z.authorizerPayloadFormatVersion() == null ? "2.0" : z.authorizerPayloadFormatVersion(),
                z.authorizerResultTtlInSeconds() == null ? 0 : z.authorizerResultTtlInSeconds())));
        HttpApi.Cors c = a.api().corsConfiguration();
        HttpApiView.Cors cors = c == null ? null : new HttpApiView.Cors(list(c.allowOrigins()), list(c.allowMethods()),
                list(c.allowHeaders()), list(c.exposeHeaders()), Boolean.TRUE.equals(c.allowCredentials()), c.maxAge());
        return new HttpApiView(a.api().apiId(), region, LocalAccount.ID, List.copyOf(routes), Map.copyOf(integrations),
                Map.copyOf(authorizers), new LinkedHashSet<>(a.stages().keySet()), cors);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
