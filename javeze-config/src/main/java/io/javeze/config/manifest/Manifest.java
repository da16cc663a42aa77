package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code .javeze/manifest.json}: what the annotation processor found in the application, plus, under
 * {@code deployed}, what deploy created. The processor owns every field but {@code deployed}, which it
 * carries over untouched when it rewrites the file; deploy owns {@code deployed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        int version,
        String service,
        List<FunctionSpec> functions,
        List<RouteSpec> routes,
        List<AuthorizerSpec> authorizers,
        List<TopicSpec> topics,
        ObjectNode deployed) {

    public static final int CURRENT_VERSION = 1;

    public Manifest {
        functions = functions == null ? List.of() : List.copyOf(functions);
        routes = routes == null ? List.of() : List.copyOf(routes);
        authorizers = authorizers == null ? List.of() : List.copyOf(authorizers);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public FunctionSpec function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + name + " in manifest"));
    }

    public Manifest withDeployed(ObjectNode newDeployed) {
        return new Manifest(version, service, functions, routes, authorizers, topics, newDeployed);
    }
}
