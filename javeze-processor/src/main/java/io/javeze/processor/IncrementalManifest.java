package io.javeze.processor;

import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.ManifestSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * An incremental compile (an IDE, {@code javeze dev}) hands javac only the changed sources, so the processor sees only
 * their functions. The manifest must still describe the whole app: the functions of the existing manifest whose
 * class was not compiled in this run are kept while that class still exists (on the class path, as compiled before)
 * and its method still carries the function's annotation. Classes compiled in this run are described by this run alone.
 */
final class IncrementalManifest {
    private IncrementalManifest() {}

    /** The existing manifest's functions that this run did not see but that the app still has. */
    static List<FunctionSpec> kept(Manifest existing, Set<String> compiledTypes, Set<String> seenNames, Elements elements) {
        if (existing == null) return List.of();
        List<FunctionSpec> kept = new ArrayList<>();
        for (FunctionSpec f : existing.functions()) {
            if (f.source() == null || seenNames.contains(f.name())) continue;
            int hash = f.source().indexOf('#');
            if (hash < 0) continue;
            String type = f.source().substring(0, hash);
            String method = f.source().substring(hash + 1);
            if (compiledTypes.contains(type)) continue;
            TypeElement owner = elements.getTypeElement(type);
            if (owner != null && declares(owner, method, annotation(f.kind()))) kept.add(f);
        }
        return kept;
    }

    /** Names of the kept functions that are authorizers, for resolving {@code auth = true} of the compiled routes. */
    static List<String> authorizers(List<FunctionSpec> kept) {
        return kept.stream().filter(f -> f.kind() == FunctionKind.AUTH).map(FunctionSpec::name).toList();
    }

    /** {@code built} (this run) plus the kept functions with their routes, authorizers and topic entries from {@code existing}. */
    static Manifest merge(Manifest built, Manifest existing, List<FunctionSpec> kept, JsonSchemas schemas) {
        if (kept.isEmpty()) return built;
        Set<String> names = kept.stream().map(FunctionSpec::name).collect(Collectors.toSet());
        Set<String> builtRouteKeys = built.routes().stream().map(RouteSpec::routeKey).collect(Collectors.toSet());
        List<RouteSpec> keptRoutes = existing.routes().stream()
                .filter(r -> names.contains(r.function()) && !builtRouteKeys.contains(r.routeKey())).toList();
        Set<String> dropped = existing.routes().stream()
                .filter(r -> names.contains(r.function()) && builtRouteKeys.contains(r.routeKey()))
                .map(RouteSpec::function).collect(Collectors.toSet());

        List<FunctionSpec> functions = new ArrayList<>(built.functions());
        kept.stream().filter(f -> !dropped.contains(f.name())).forEach(functions::add);
        functions.sort(Comparator.comparing(FunctionSpec::name));
        List<RouteSpec> routes = new ArrayList<>(built.routes());
        routes.addAll(keptRoutes);
        routes.sort(Comparator.comparing(RouteSpec::path).thenComparing(RouteSpec::method));
        List<AuthorizerSpec> authorizers = new ArrayList<>(built.authorizers());
        existing.authorizers().stream().filter(a -> names.contains(a.function())).forEach(authorizers::add);
        authorizers.sort(Comparator.comparing(AuthorizerSpec::function));

        Map<String, TreeMap<String, TopicSpec.SubscriberSpec>> subscribers = new TreeMap<>();
        Map<String, TreeSet<String>> publishers = new TreeMap<>();
        for (TopicSpec t : built.topics()) {
            t.subscribers().forEach(s -> subscribers.computeIfAbsent(t.name(), k -> new TreeMap<>()).put(s.function(), s));
            publishers.computeIfAbsent(t.name(), k -> new TreeSet<>()).addAll(t.publishers());
            subscribers.computeIfAbsent(t.name(), k -> new TreeMap<>());
        }
        for (TopicSpec t : existing.topics()) {
            for (TopicSpec.SubscriberSpec s : t.subscribers()) {
                if (!names.contains(s.function())) continue;
                subscribers.computeIfAbsent(t.name(), k -> new TreeMap<>()).put(s.function(), s);
                publishers.computeIfAbsent(t.name(), k -> new TreeSet<>());
            }
            for (String p : t.publishers()) {
                if (!names.contains(p)) continue;
                publishers.computeIfAbsent(t.name(), k -> new TreeSet<>()).add(p);
                subscribers.computeIfAbsent(t.name(), k -> new TreeMap<>());
            }
        }
        List<TopicSpec> topics = subscribers.keySet().stream()
                .map(t -> new TopicSpec(t, List.copyOf(subscribers.get(t).values()), List.copyOf(publishers.get(t))))
                .toList();
        return new Manifest(built.version(), built.service(), functions, routes, authorizers, topics,
                keptSchemas(routes, existing, schemas), built.deployed());
    }

    /**
     * The schemas the merged routes reach. A kept route's records are described again from today's types (their
     * class files), so a record changed without recompiling its route is still described as it is; a type that is
     * gone keeps its last description.
     */
    private static Map<String, JsonNode> keptSchemas(List<RouteSpec> routes, Manifest existing, JsonSchemas schemas) {
        Map<String, JsonNode> all = new TreeMap<>(existing.schemas());
        for (String name : ManifestSchemas.reachable(routes, all).keySet()) schemas.refresh(name); // nested ones too
        all.putAll(schemas.components());
        return ManifestSchemas.reachable(routes, all);
    }

    private static boolean declares(TypeElement owner, String method, String annotation) {
        return ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(method))
                .anyMatch(m -> m.getAnnotationMirrors().stream().anyMatch(a ->
                        ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)));
    }

    private static String annotation(FunctionKind kind) {
        return switch (kind) {
            case ROUTE -> "io.javeze.Route";
            case AUTH -> "io.javeze.Auth";
            case SUBSCRIBER -> "io.javeze.Subscriber";
            case SCHEDULE -> "io.javeze.Schedule";
        };
    }
}
