package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * One message as the store keeps and journals it: immutable, replaced whenever it is received or its visibility
 * changes, so the journal holds its receive count and receipt handle while it is in flight.
 *
 * @param visibleAt      epoch millis from which a receive may take it (a delay, or the end of its visibility timeout)
 * @param firstReceiveAt epoch millis of its first receive, 0 before
 * @param receiptHandle  the handle of its latest receive, or null
 * @param fifo           a FIFO queue's message group, deduplication id and sequence number, or null
 */
record SqsMessage(String id, String body, Map<String, MessageAttribute> attributes, long sentAt, long visibleAt,
                  int receiveCount, long firstReceiveAt, String receiptHandle, Fifo fifo) {
    /** What a FIFO queue's message carries beyond a standard one's. */
    record Fifo(String groupId, String deduplicationId, long sequenceNumber) {
        Fifo withSequenceNumber(long n) {
            return new Fifo(groupId, deduplicationId, n);
        }
    }

    static SqsMessage sent(String body, Map<String, MessageAttribute> attributes, long now, int delaySeconds) {
        return sent(body, attributes, now, delaySeconds, null);
    }

    static SqsMessage sent(String body, Map<String, MessageAttribute> attributes, long now, int delaySeconds, Fifo fifo) {
        return new SqsMessage(UUID.randomUUID().toString(), body, attributes, now, now + delaySeconds * 1000L, 0, 0, null, fifo);
    }

    SqsMessage withFifo(Fifo f) {
        return new SqsMessage(id, body, attributes, sentAt, visibleAt, receiveCount, firstReceiveAt, receiptHandle, f);
    }

    String groupId() {
        return fifo == null ? null : fifo.groupId();
    }

    SqsMessage received(long now, int visibilitySeconds) {
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (id + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        return new SqsMessage(id, body, attributes, sentAt, now + visibilitySeconds * 1000L, receiveCount + 1,
                firstReceiveAt == 0 ? now : firstReceiveAt, handle, fifo);
    }

    SqsMessage visibleAt(long at) {
        return new SqsMessage(id, body, attributes, sentAt, at, receiveCount, firstReceiveAt, receiptHandle, fifo);
    }

    /** As a dead-letter queue receives it: the same id, body and sent time (retention counts from the first send). */
    SqsMessage deadLettered() {
        return new SqsMessage(id, body, attributes, sentAt, 0, 0, 0, null, fifo);
    }

    /** The message id a receipt handle names, or null when it is no handle this store issued. */
    static String idOf(String receiptHandle) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8);
            int colon = decoded.lastIndexOf(':');
            return colon > 0 ? decoded.substring(0, colon) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String md5OfBody() {
        return MessageMd5.ofBody(body);
    }

    ObjectNode toRecord() {
        ObjectNode o = Json.object().put("id", id).put("body", body).put("sentAt", sentAt).put("visibleAt", visibleAt)
                .put("receiveCount", receiveCount).put("firstReceiveAt", firstReceiveAt);
        if (receiptHandle != null) {
            o.put("receiptHandle", receiptHandle);
        }
        if (fifo != null) {
            o.put("groupId", fifo.groupId()).put("deduplicationId", fifo.deduplicationId()).put("sequenceNumber", fifo.sequenceNumber());
        }
        ObjectNode attrs = o.putObject("attributes");
        attributes.forEach((name, a) -> attrs.set(name, a.toRecord()));
        return o;
    }

    static SqsMessage fromRecord(JsonNode m) {
        return new SqsMessage(m.path("id").asText(), m.path("body").asText(), MessageAttribute.fromShape(m.path("attributes")),
                m.path("sentAt").asLong(), m.path("visibleAt").asLong(), m.path("receiveCount").asInt(),
                m.path("firstReceiveAt").asLong(), m.path("receiptHandle").asText(null), m.hasNonNull("groupId")
                        ? new Fifo(m.get("groupId").asText(), m.path("deduplicationId").asText(null), m.path("sequenceNumber").asLong())
                        : null);
    }
}
