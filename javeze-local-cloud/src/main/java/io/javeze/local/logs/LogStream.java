package io.javeze.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;

/**
 * One log stream as the store keeps it (table {@code logs-streams}, by {@code group\nstream}), with the figures
 * DescribeLogStreams reports; the three event times are null until its first event.
 *
 * @param nextSequence the sequence number its next event gets (events are numbered from 1 per stream)
 */
public record LogStream(String name, long creationTime, Long firstEventTimestamp, Long lastEventTimestamp,
                        Long lastIngestionTime, long nextSequence) {
    static LogStream created(String name, long now) {
        return new LogStream(name, now, null, null, null, 1);
    }

    /** AWS no longer requires the token, but still reports one: the next event's sequence number, as digits. */
    public String uploadSequenceToken() {
        return String.format("%056d", nextSequence);
    }

    /** This stream after an event with this sequence number was added to it. */
    LogStream with(LogEvent event) {
        return new LogStream(name, creationTime,
                firstEventTimestamp == null ? event.timestamp() : Math.min(firstEventTimestamp, event.timestamp()),
                lastEventTimestamp == null ? event.timestamp() : Math.max(lastEventTimestamp, event.timestamp()),
                event.ingestionTime(), Math.max(nextSequence, event.sequence() + 1));
    }

    ObjectNode toJson() {
        ObjectNode j = Json.object().put("creationTime", creationTime).put("nextSequence", nextSequence);
        if (lastIngestionTime != null) {
            j.put("firstEventTimestamp", firstEventTimestamp).put("lastEventTimestamp", lastEventTimestamp)
                    .put("lastIngestionTime", lastIngestionTime);
        }
        return j;
    }

    static LogStream fromJson(String name, JsonNode j) {
        return new LogStream(name, j.path("creationTime").asLong(), optional(j, "firstEventTimestamp"),
                optional(j, "lastEventTimestamp"), optional(j, "lastIngestionTime"), j.path("nextSequence").asLong(1));
    }

    private static Long optional(JsonNode j, String field) {
        return j.hasNonNull(field) ? j.get(field).asLong() : null;
    }
}
