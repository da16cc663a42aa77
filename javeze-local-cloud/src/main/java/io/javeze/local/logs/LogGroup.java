package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log group as the store keeps it (table {@code logs-groups}, by name): immutable, changed by making a new one.
 *
 * @param retentionInDays null when its events never expire
 */
public record LogGroup(String name, long creationTime, Integer retentionInDays, Map<String, String> tags) {
    public LogGroup {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    LogGroup withRetention(Integer days) {
        return new LogGroup(name, creationTime, days, tags);
    }

    /** The oldest timestamp its retention keeps at {@code now}, or {@link Long#MIN_VALUE} when it keeps everything. */
    long keepsFrom(long now) {
        return retentionInDays == null ? Long.MIN_VALUE : now - retentionInDays * 86_400_000L;
    }

    ObjectNode toJson() {
        ObjectNode j = Json.object().put("creationTime", creationTime);
        if (retentionInDays != null) {
            j.put("retentionInDays", retentionInDays);
        }
        j.set("tags", Json.toObject(tags));
        return j;
    }

    static LogGroup fromJson(String name, JsonNode j) {
        return new LogGroup(name, j.path("creationTime").asLong(),
                j.hasNonNull("retentionInDays") ? j.get("retentionInDays").asInt() : null, Json.stringMap(j.path("tags")));
    }
}
