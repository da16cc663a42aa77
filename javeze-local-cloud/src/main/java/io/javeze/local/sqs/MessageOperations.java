package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQS's message operations (send, receive, visibility, batches), on parsed inputs, for {@link SqsProvider}. */
final class MessageOperations {
    private static final long MAX_WAIT_MILLIS = 20_000;

    private final SqsStore store;

    MessageOperations(SqsStore store) {
        this.store = store;
    }


    ObjectNode send(String queue, JsonNode in) {
        QueueDefinition d = store.definition(queue);
        String body = in.get("MessageBody").asText();
        int maxSize = d.number("MaximumMessageSize");
        if (body.getBytes(StandardCharsets.UTF_8).length > maxSize) {
            throw new AwsException(400, "InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than "
                    + maxSize + " bytes.");
        }
        int delay = in.hasNonNull("DelaySeconds") ? in.get("DelaySeconds").asInt() : d.number("DelaySeconds");
        if (delay < 0 || delay > 900) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + delay + " for parameter DelaySeconds is invalid. "
                    + "Reason: DelaySeconds must be >= 0 and <= 900.");
        }
        SqsMessage.Fifo fifo = d.fifo() ? fifo(d, in, body) : null;
        if (fifo != null && in.hasNonNull("DelaySeconds")) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + delay + " for parameter DelaySeconds is invalid. "
                    + "Reason: The request include parameter that is not valid for this queue type.");
        }
        SqsMessage m = store.add(queue, SqsMessage.sent(body, MessageAttribute.fromShape(in.get("MessageAttributes")), store.now(),
                delay, fifo));
        ObjectNode out = Json.object().put("MessageId", m.id()).put("MD5OfMessageBody", m.md5OfBody());
        String md5Attributes = MessageMd5.ofAttributes(m.attributes());
        if (md5Attributes != null) {
            out.put("MD5OfMessageAttributes", md5Attributes);
        }
        if (m.fifo() != null) {
            out.put("SequenceNumber", Long.toString(m.fifo().sequenceNumber()));
        }
        return out;
    }

    /** A FIFO queue's message: its group (required) and deduplication id (given, or the body's SHA-256). */
    private static SqsMessage.Fifo fifo(QueueDefinition d, JsonNode in, String body) {
        String group = Json.text(in, "MessageGroupId");
        if (group == null) {
            throw new AwsException(400, "MissingParameter", "The request must contain the parameter MessageGroupId.");
        }
        String deduplication = Json.text(in, "MessageDeduplicationId");
        if (deduplication == null) {
            if (!"true".equals(d.attributes().get("ContentBasedDeduplication"))) {
                throw new AwsException(400, "InvalidParameterValue", "The queue should either have ContentBasedDeduplication "
                        + "enabled or MessageDeduplicationId provided explicitly");
            }
            deduplication = HexFormat.of().formatHex(StateStore.sha256(body.getBytes(StandardCharsets.UTF_8)));
        }
        return new SqsMessage.Fifo(group, deduplication, 0);
    }

    interface EntryAction {
        ObjectNode apply(String queue, JsonNode entry);
    }

    /** A batch: each entry succeeds or fails on its own; {@code requiredMember} is the entry's other required member. */
    ObjectNode batch(String queue, JsonNode in, String requiredMember, EntryAction action) {
        store.definition(queue);
        JsonNode entries = in.path("Entries");
        if (entries.size() == 0) {
            throw new AwsException(400, "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one entry in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsException(400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10.");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode e : entries) {
            for (String member : List.of("Id", requiredMember)) {
                if (!e.hasNonNull(member)) {
                    throw new AwsException(400, "MissingParameter", "The request must contain the parameter " + member + ".");
                }
            }
            if (!ids.add(e.get("Id").asText())) {
                throw new AwsException(400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id " + e.get("Id").asText() + " repeated.");
            }
        }
        ArrayNode ok = Json.array();
        ArrayNode failed = Json.array();
        for (JsonNode e : entries) {
            String id = e.get("Id").asText();
            try {
                ObjectNode item = Json.object().put("Id", id);
                item.setAll(action.apply(queue, e));
                ok.add(item);
            } catch (AwsException ex) {
                failed.addObject().put("Id", id).put("SenderFault", ex.senderFault()).put("Code", ex.code()).put("Message", ex.getMessage());
            }
        }
        ObjectNode out = Json.object();
        out.set("Successful", ok);
        out.set("Failed", failed);
        return out;
    }

    ObjectNode receive(String queue, JsonNode in) {
        QueueDefinition d = store.definition(queue);
        int max = in.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + max + " for parameter MaxNumberOfMessages is invalid. "
                    + "Reason: Must be between 1 and 10, if provided.");
        }
        int wait = in.hasNonNull("WaitTimeSeconds") ? in.get("WaitTimeSeconds").asInt() : d.number("ReceiveMessageWaitTimeSeconds");
        if (wait < 0 || wait > 20) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + wait + " for parameter WaitTimeSeconds is invalid. "
                    + "Reason: Must be >= 0 and <= 20, if provided.");
        }
        Integer visibility = in.hasNonNull("VisibilityTimeout") ? in.get("VisibilityTimeout").asInt() : null;
        if (visibility != null && (visibility < 0 || visibility > 43200)) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + visibility + " for parameter VisibilityTimeout is invalid. "
                    + "Reason: Must be >= 0 and <= 43200.");
        }
        Set<String> wantedAttributes = new HashSet<>();
        in.path("AttributeNames").forEach(n -> wantedAttributes.add(n.asText()));
        in.path("MessageSystemAttributeNames").forEach(n -> wantedAttributes.add(n.asText()));
        Set<String> wantedMessageAttributes = new HashSet<>();
        in.path("MessageAttributeNames").forEach(n -> wantedMessageAttributes.add(n.asText()));
        boolean allMessageAttributes = wantedMessageAttributes.contains("All") || wantedMessageAttributes.contains(".*");
        ArrayNode messages = Json.array();
        for (SqsMessage m : store.receive(queue, max, visibility, Math.min(wait * 1000L, MAX_WAIT_MILLIS))) {
            ObjectNode o = messages.addObject();
            o.put("MessageId", m.id()).put("ReceiptHandle", m.receiptHandle()).put("MD5OfBody", m.md5OfBody()).put("Body", m.body());
            ObjectNode selected = Json.object();
            systemAttributes(m).forEach((k, v) -> {
                if (wantedAttributes.contains("All") || wantedAttributes.contains(k)) {
                    selected.put(k, v);
                }
            });
            if (selected.size() > 0) {
                o.set("Attributes", selected);
            }
            Map<String, MessageAttribute> returned = new LinkedHashMap<>();
            m.attributes().forEach((k, v) -> {
                if (allMessageAttributes || wantedMessageAttributes.contains(k)) {
                    returned.put(k, v);
                }
            });
            if (!returned.isEmpty()) {
                ObjectNode attrs = o.putObject("MessageAttributes");
                returned.forEach((k, v) -> attrs.set(k, v.toShape()));
                o.put("MD5OfMessageAttributes", MessageMd5.ofAttributes(returned));
            }
        }
        ObjectNode out = Json.object();
        if (!messages.isEmpty()) {
            out.set("Messages", messages);
        }
        return out;
    }

    static Map<String, String> systemAttributes(SqsMessage m) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("SenderId", LocalAccount.ID);
        a.put("SentTimestamp", Long.toString(m.sentAt()));
        a.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
        a.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt()));
        if (m.fifo() != null) {
            a.put("MessageGroupId", m.fifo().groupId());
            a.put("MessageDeduplicationId", m.fifo().deduplicationId());
            a.put("SequenceNumber", Long.toString(m.fifo().sequenceNumber()));
        }
        return a;
    }

    void changeVisibility(String queue, JsonNode in) {
        int seconds = in.path("VisibilityTimeout").asInt(-1);
        if (!in.hasNonNull("VisibilityTimeout") || seconds < 0 || seconds > 43200) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + in.path("VisibilityTimeout").asText()
                    + " for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.");
        }
        store.changeVisibility(queue, in.get("ReceiptHandle").asText(), seconds);
    }

    /** Received messages as the records of a Lambda SQS event. */
    List<ObjectNode> eventRecords(String queueArn, String region, List<SqsMessage> received) {
        List<ObjectNode> records = new ArrayList<>();
        for (SqsMessage m : received) {
            ObjectNode r = Json.object().put("messageId", m.id()).put("receiptHandle", m.receiptHandle()).put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            systemAttributes(m).forEach(attributes::put);
            ObjectNode messageAttributes = r.putObject("messageAttributes");
            m.attributes().forEach((k, v) -> messageAttributes.set(k, v.toEvent()));
            r.put("md5OfBody", m.md5OfBody()).put("eventSource", "aws:sqs").put("eventSourceARN", queueArn).put("awsRegion", region);
            records.add(r);
        }
        return records;
    }
}
