package io.javeze.config.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The component schemas routes refer to, directly or through other components. */
public final class ManifestSchemas {
    /** How a schema refers to a component: this prefix and the component's qualified Java name. */
    public static final String REF_PREFIX = "#/components/schemas/";

    private ManifestSchemas() {}

    /** The entries of {@code schemas} the routes' parameters and responses reach. */
    public static Map<String, JsonNode> reachable(Iterable<RouteSpec> routes, Map<String, JsonNode> schemas) {
        Deque<JsonNode> pending = new ArrayDeque<>();
        for (RouteSpec route : routes) {
            route.parameters().stream().map(ParameterSpec::schema).filter(s -> s != null).forEach(pending::add);
            if (route.response() != null && route.response().schema() != null) pending.add(route.response().schema());
        }
        Map<String, JsonNode> out = new TreeMap<>();
        while (!pending.isEmpty()) {
            for (String name : references(pending.pop())) {
                JsonNode schema = schemas.get(name);
                if (schema != null && out.put(name, schema) == null) pending.add(schema);
            }
        }
        return out;
    }

    /** The component names a schema refers to itself (not through other components). */
    public static Set<String> references(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        collect(schema, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node == null) return;
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(REF_PREFIX)) {
                out.add(ref.asText().substring(REF_PREFIX.length()));
            }
            node.forEach(child -> collect(child, out));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
