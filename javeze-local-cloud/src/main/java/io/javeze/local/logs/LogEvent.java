package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;

/**
 * One log event (table {@code logs-events}, by {@code group\nstream\nsequence}): each is its own journal record, so it
 * survives a crash once written.
 */
public record LogEvent(long sequence, long timestamp, String message, long ingestionTime) {
    /**
     * Stable for an event, so a follower ({@code aws logs tail --follow}) sees it once: the stream's id and the event's
     * sequence in it, both digits as AWS's ids are.
     */
    String eventId(String group, String stream) {
        return Integer.toUnsignedString((group + "\n" + stream).hashCode()) + String.format("%012d", sequence);
    }

    static String key(String group, String stream, long sequence) {
        return group + "\n" + stream + "\n" + String.format("%012d", sequence);
    }

    ObjectNode toJson() {
        return Json.object().put("timestamp", timestamp).put("message", message).put("ingestionTime", ingestionTime);
    }

    static LogEvent fromJson(long sequence, JsonNode j) {
        return new LogEvent(sequence, j.path("timestamp").asLong(), j.path("message").asText(), j.path("ingestionTime").asLong());
    }
}
