package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .javeze/manifest.json}: what the annotation processor found in the application, plus, under
 * {@code deployed}, what deploy created. The processor owns every field but {@code deployed}, which it
 * carries over untouched when it rewrites the file; deploy owns {@code deployed}.
 *
 * @param schemas the JSON Schemas (2020-12) of the records and POJOs that routes take and return, by qualified Java
 *                name; a schema refers to another as {@code {"$ref": "#/components/schemas/<qualified name>"}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        int version,
        String service,
        List<FunctionSpec> functions,
        List<RouteSpec> routes,
        List<AuthorizerSpec> authorizers,
        List<TopicSpec> topics,
        Map<String, JsonNode> schemas,
        ObjectNode deployed) {

    public static final int CURRENT_VERSION = 1;

    public Manifest {
        functions = functions == null ? List.of() : List.copyOf(functions);
        routes = routes == null ? List.of() : List.copyOf(routes);
        authorizers = authorizers == null ? List.of() : List.copyOf(authorizers);
        topics = topics == null ? List.of() : List.copyOf(topics);
        schemas = schemas == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(schemas));
    }

    public FunctionSpec function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + name + " in manifest"));
    }

    /** The same app with these functions; routes, topics, schemas and the deploy record are kept. */
    public Manifest withFunctions(List<FunctionSpec> newFunctions) {
        return new Manifest(version, service, newFunctions, routes, authorizers, topics, schemas, deployed);
    }

    public Manifest withDeployed(ObjectNode newDeployed) {
        return new Manifest(version, service, functions, routes, authorizers, topics, schemas, newDeployed);
    }
}
