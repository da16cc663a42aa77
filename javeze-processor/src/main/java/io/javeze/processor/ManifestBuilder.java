package io.javeze.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import io.javeze.processor.Model.Argument;
import io.javeze.processor.Model.Function;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns the analysed application into {@code .javeze/manifest.json}, sorted so equal sources give equal bytes. */
final class ManifestBuilder {
    private ManifestBuilder() {}

    static Manifest build(String service, List<Function> functions, Map<String, String> authorizerOf, ObjectNode deployed) {
        return build(service, functions, authorizerOf, Map.of(), deployed);
    }

    static Manifest build(String service, List<Function> functions, Map<String, String> authorizerOf,
                          Map<String, JsonNode> schemas, ObjectNode deployed) {
        List<Function> sorted = functions.stream().sorted(Comparator.comparing(Function::name)).toList();
        List<FunctionSpec> functionSpecs = sorted.stream().map(f -> new FunctionSpec(
                f.name(), Naming.lambdaFunctionName(service, f.name()), f.kind(), f.handler(), f.source(),
                f.memorySize(), f.timeout(), f.publishes(), f.snapStart(), f.schedule())).toList();
        List<RouteSpec> routes = sorted.stream().filter(f -> f.route() != null)
                .map(f -> new RouteSpec(f.route().method(), f.route().path().path(), f.route().routeKey(), f.name(),
                        authorizerOf.get(f.name()),
                        f.arguments().stream().map(Argument::spec).filter(Objects::nonNull).toList(), f.resultType(),
                        f.route().response()))
                .sorted(Comparator.comparing(RouteSpec::path).thenComparing(RouteSpec::method)).toList();
        List<AuthorizerSpec> authorizers = sorted.stream().filter(f -> f.authorizer() != null)
                .map(f -> new AuthorizerSpec(f.name(), f.name(), f.authorizer().identitySources(), f.authorizer().resultTtlSeconds()))
                .toList();
        Map<String, TreeMap<String, TopicSpec.SubscriberSpec>> subscribers = new TreeMap<>();
        Map<String, TreeSet<String>> publishers = new TreeMap<>();
        for (Function f : sorted) {
            if (f.subscription() != null) {
                var s = f.subscription();
                subscribers.computeIfAbsent(s.topic(), t -> new TreeMap<>())
                        .put(f.name(), new TopicSpec.SubscriberSpec(f.name(), s.messageType(), s.batchSize(), s.maxReceiveCount()));
                publishers.computeIfAbsent(s.topic(), t -> new TreeSet<>());
            }
            for (String topic : f.publishes()) {
                publishers.computeIfAbsent(topic, t -> new TreeSet<>()).add(f.name());
                subscribers.computeIfAbsent(topic, t -> new TreeMap<>());
            }
        }
        List<TopicSpec> topics = subscribers.keySet().stream()
                .map(t -> new TopicSpec(t, List.copyOf(subscribers.get(t).values()), List.copyOf(publishers.get(t))))
                .toList();
        return new Manifest(Manifest.CURRENT_VERSION, service, functionSpecs, routes, authorizers, topics,
                io.javeze.config.manifest.ManifestSchemas.reachable(routes, schemas), deployed);
    }

    /** The {@code deployed} object of the existing manifest, untouched, or null when there is none. */
    static ObjectNode existingDeployed(Path projectDir) {
        Path file = ManifestStore.path(projectDir);
        try {
            JsonNode root = ManifestStore.json().readTree(Files.readAllBytes(file));
            JsonNode deployed = root == null ? null : root.get("deployed");
            return deployed instanceof ObjectNode object ? object : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read the existing manifest to keep its deployed section ("
                    + e.getMessage().lines().findFirst().orElse("") + "); fix or delete the file");
        }
    }

    /**
     * The existing manifest, to keep the functions of classes an incremental compile did not see; null when there is
     * none or it cannot be read as a manifest (then this compile describes the app alone, as a full compile does).
     */
    static Manifest existing(Path projectDir) {
        if (!Files.isRegularFile(ManifestStore.path(projectDir))) return null;
        try {
            return ManifestStore.read(projectDir);
        } catch (JavezeException e) {
            return null;
        }
    }

    /** Writes the manifest atomically, and only when its content changed. */
    static void write(Path projectDir, Manifest manifest) {
        Path file = ManifestStore.path(projectDir);
        String json = ManifestStore.toJson(manifest);
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(json)) return;
        } catch (IOException e) {
            // unreadable: rewrite it
        }
        AtomicFiles.writeReadable(file, json);
    }

}
