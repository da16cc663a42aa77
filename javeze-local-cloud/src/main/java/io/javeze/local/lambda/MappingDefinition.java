package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An event source mapping's definition as {@link LambdaStore} keeps it. {@link #toJson()} is the layout its consumer
 * reads (the model's member names, plus {@code enabled}, {@code readyAt} and {@code updated}).
 */
record MappingDefinition(String uuid, String eventSourceArn, String functionArn, int batchSize, int maximumBatchingWindowInSeconds,
                         boolean enabled, List<String> functionResponseTypes, JsonNode scalingConfig, double lastModified,
                         long readyAt, boolean updated) {

    MappingDefinition {
        functionResponseTypes = functionResponseTypes == null ? null : List.copyOf(functionResponseTypes);
    }

    ObjectNode toJson() {
        ObjectNode m = Json.object().put("UUID", uuid).put("EventSourceArn", eventSourceArn).put("FunctionArn", functionArn)
                .put("BatchSize", batchSize).put("MaximumBatchingWindowInSeconds", maximumBatchingWindowInSeconds)
                .put("enabled", enabled);
        if (functionResponseTypes != null) {
            ArrayNode types = m.putArray("FunctionResponseTypes");
            functionResponseTypes.forEach(types::add);
        }
        if (scalingConfig != null) {
            m.set("ScalingConfig", scalingConfig.deepCopy());
        }
        m.put("readyAt", readyAt).put("LastModified", lastModified);
        if (updated) {
            m.put("updated", true);
        }
        return m;
    }

    static MappingDefinition fromJson(JsonNode m) {
        List<String> types = null;
        if (m.has("FunctionResponseTypes")) {
            types = new ArrayList<>();
            for (JsonNode t : m.get("FunctionResponseTypes")) {
                types.add(t.asText());
            }
        }
        return new MappingDefinition(m.path("UUID").asText(), m.path("EventSourceArn").asText(), m.path("FunctionArn").asText(),
                m.path("BatchSize").asInt(10), m.path("MaximumBatchingWindowInSeconds").asInt(0), m.path("enabled").asBoolean(true),
                types, m.hasNonNull("ScalingConfig") ? m.get("ScalingConfig").deepCopy() : null,
                m.path("LastModified").asDouble(), m.path("readyAt").asLong(), m.path("updated").asBoolean(false));
    }
}
