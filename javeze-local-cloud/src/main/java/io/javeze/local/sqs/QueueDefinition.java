package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queue's definition: its attributes as SQS reports them (strings, defaults filled in) and its tags. Immutable: a
 * change replaces it under the queue's lock, so a reader always sees one whole version.
 */
record QueueDefinition(String name, Map<String, String> attributes, Map<String, String> tags) {
    /** A RedrivePolicy: where messages received {@code maxReceiveCount} times go. */
    record Redrive(String deadLetterTargetArn, int maxReceiveCount) {}

    QueueDefinition {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    static QueueDefinition create(String name, Map<String, String> attributes, Map<String, String> tags, long nowMillis) {
        Map<String, String> all = new LinkedHashMap<>(QueueAttributes.DEFAULTS);
        all.putAll(attributes);
        String now = Long.toString(nowMillis / 1000);
        all.put("CreatedTimestamp", now);
        all.put("LastModifiedTimestamp", now);
        return new QueueDefinition(name, all, tags);
    }

    QueueDefinition withAttributes(Map<String, String> changes, long nowMillis) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.putAll(changes);
        all.put("LastModifiedTimestamp", Long.toString(nowMillis / 1000));
        return new QueueDefinition(name, all, tags);
    }

    QueueDefinition withTags(Map<String, String> added, Iterable<String> removed) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.putAll(added);
        removed.forEach(all::remove);
        return new QueueDefinition(name, attributes, all);
    }

    /** A numeric attribute, or its default. */
    int number(String attribute) {
        String v = attributes.get(attribute);
        return Integer.parseInt(v != null ? v : QueueAttributes.DEFAULTS.getOrDefault(attribute, "0"));
    }

    /** The RedrivePolicy, or null when there is none. */
    Redrive redrive() {
        String policy = attributes.get("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        JsonNode p = Json.parse(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Redrive(p.path("deadLetterTargetArn").asText(), p.path("maxReceiveCount").asInt());
    }

    boolean fifo() {
        return "true".equals(attributes.get("FifoQueue"));
    }

    String policy() {
        return attributes.get("Policy");
    }

    ObjectNode toRecord() {
        ObjectNode o = Json.object();
        ObjectNode a = o.putObject("attributes");
        attributes.forEach(a::put);
        ObjectNode t = o.putObject("tags");
        tags.forEach(t::put);
        return o;
    }

    static QueueDefinition fromRecord(String name, JsonNode record) {
        return new QueueDefinition(name, Json.stringMap(record.path("attributes")), Json.stringMap(record.path("tags")));
    }
}
