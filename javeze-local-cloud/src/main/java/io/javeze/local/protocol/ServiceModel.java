package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.Json;
import io.javeze.local.http.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's AWS API model ({@code models/NAME.json}, generated from {@code shared/aws-models} by
 * {@code ModelResources}): its protocol, operations and shapes, as the SDKs see them.
 */
public final class ServiceModel {
    /** One operation: its HTTP binding and its input and output shapes (null where the model has none). */
    public record Operation(String name, String method, String requestUri, int responseCode, Shape input, Shape output,
                            String resultWrapper) {}

    private static final Map<String, ServiceModel> LOADED = new ConcurrentHashMap<>();

    private final String signingName;
    private final JsonNode metadata;
    private final JsonNode shapes;
    private final Map<String, Shape> shapeViews = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    private ServiceModel(String signingName, JsonNode model) {
        this.signingName = signingName;
        this.metadata = model.path("metadata");
        this.shapes = model.path("shapes");
        model.path("operations").fields().forEachRemaining(e -> {
            JsonNode op = e.getValue();
            JsonNode http = op.path("http");
            operations.put(e.getKey(), new Operation(e.getKey(), http.path("method").asText("POST"),
                    http.path("requestUri").asText("/"), http.path("responseCode").asInt(200),
                    ref(op.path("input")), ref(op.path("output")), Shape.text(op.path("output"), "resultWrapper")));
        });
    }

    /** The model of the service with this SigV4 signing name, loaded once. */
    public static ServiceModel of(String signingName) {
        return LOADED.computeIfAbsent(signingName, ServiceModel::load);
    }

    private static ServiceModel load(String signingName) {
        try (InputStream in = ServiceModel.class.getResourceAsStream("models/" + signingName + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no AWS model for the service " + signingName);
            }
            return new ServiceModel(signingName, Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Shape ref(JsonNode ref) {
        return ref.has("shape") ? shape(ref.get("shape").asText()) : null;
    }

    public String signingName() {
        return signingName;
    }

    public Protocol protocol() {
        return Protocol.fromModel(metadata.path("protocol").asText());
    }

    /** The {@code X-Amz-Target} prefix of JSON-protocol services, or null. */
    public String targetPrefix() {
        return Shape.text(metadata, "targetPrefix");
    }

    public String jsonVersion() {
        return metadata.path("jsonVersion").asText("1.0");
    }

    /** The query protocol's XML namespace ({@code metadata.xmlNamespace}), e.g. {@code https://sns.amazonaws.com/doc/2010-03-31/}. */
    public String xmlNamespace() {
        return Shape.text(metadata, "xmlNamespace");
    }

    public Map<String, Operation> operations() {
        return operations;
    }

    public Operation operation(String name) {
        return operations.get(name);
    }

    public boolean hasShape(String name) {
        return shapes.has(name);
    }

    public Shape shape(String name) {
        JsonNode json = shapes.get(name);
        if (json == null) {
            throw new IllegalStateException(signingName + "'s model has no shape " + name);
        }
        return shapeViews.computeIfAbsent(name, n -> new Shape(this, n, json));
    }
}
