package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Json;
import io.javeze.local.http.Protocol;
import io.javeze.local.lambda.EventSourceMappings;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** SQS over both its JSON protocol (current SDKs) and its query protocol (the AWS CLI). */
public final class SqsService implements AwsService, EventSourceMappings.QueueAccess, AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,80}(\\.fifo)?");
    private static final long MAX_WAIT_MILLIS = 20_000;
    private static final Map<String, String> DEFAULTS = Map.of(
            "VisibilityTimeout", "30", "MessageRetentionPeriod", "345600", "MaximumMessageSize", "262144",
            "DelaySeconds", "0", "ReceiveMessageWaitTimeSeconds", "0", "SqsManagedSseEnabled", "true");
    private static final Set<String> SETTABLE = Set.of("VisibilityTimeout", "MessageRetentionPeriod", "MaximumMessageSize",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "RedriveAllowPolicy", "Policy", "FifoQueue",
            "ContentBasedDeduplication", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled",
            "DeduplicationScope", "FifoThroughputLimit");

    private final StateStore store;
    /** Queue definitions (attributes, tags); guarded by {@code this}. */
    private final ObjectNode state;
    /** Every message, one record each ({@code queue/messageId}), rewritten whenever it is sent, received or changed. */
    private final Table messages;
    private final String region;
    private final URI endpoint;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    public SqsService(StateStore store, String region, URI endpoint) {
        this.store = store;
        this.region = region;
        this.endpoint = endpoint;
        this.state = store.load("sqs");
        this.messages = store.table("sqs-messages");
        if (!state.has("queues")) {
            state.putObject("queues");
        }
        state.get("queues").fieldNames().forEachRemaining(n -> queues.put(n, new Queue(n)));
        loadMessages();
    }

    /** Every message comes back as it was journaled: in flight or not, with its receipt handle and receive count. */
    private void loadMessages() {
        messages.records().forEach((key, m) -> {
            Queue q = queues.get(key.substring(0, key.indexOf('/')));
            if (q == null) {
                messages.remove(key);
                return;
            }
            Queue.Message msg = new Queue.Message(m.path("id").asText(), m.path("body").asText(),
                    m.path("attributes").isObject() ? (ObjectNode) m.get("attributes").deepCopy() : Json.object(),
                    m.path("sentAt").asLong(), m.path("visibleAt").asLong());
            msg.receiveCount = m.path("receiveCount").asInt();
            msg.firstReceiveAt = m.path("firstReceiveAt").asLong();
            msg.receiptHandle = m.path("receiptHandle").asText(null);
            q.messages.add(msg);
        });
    }

    /** Journals a message's current state; the caller holds the queue's lock, so the journal sees changes in order. */
    private void persist(Queue q, Queue.Message m) {
        ObjectNode o = Json.object().put("id", m.id).put("body", m.body).put("sentAt", m.sentAt)
                .put("visibleAt", m.visibleAt).put("receiveCount", m.receiveCount).put("firstReceiveAt", m.firstReceiveAt);
        if (m.receiptHandle != null) {
            o.put("receiptHandle", m.receiptHandle);
        }
        o.set("attributes", m.attributes);
        messages.put(q.name + "/" + m.id, o);
    }

    private void forget(Queue q, Queue.Message m) {
        messages.remove(q.name + "/" + m.id);
    }

    /** Messages are journaled as they change; nothing is left to save. */
    @Override
    public void close() {
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        JsonNode in = call.protocol() == Protocol.QUERY ? QueryInput.toJson(call) : call.json();
        ObjectNode out = switch (call.operation()) {
            case "CreateQueue" -> createQueue(in);
            case "GetQueueUrl" -> {
                String name = required(in, "QueueName");
                definition(name);
                yield Json.object().put("QueueUrl", url(name));
            }
            case "GetQueueAttributes" -> getAttributes(in);
            case "SetQueueAttributes" -> setAttributes(in);
            case "DeleteQueue" -> deleteQueue(in);
            case "PurgeQueue" -> {
                Queue q = queue(in);
                synchronized (q) {
                    q.messages.forEach(m -> forget(q, m));
                    q.messages.clear();
                }
                yield Json.object();
            }
            case "ListQueues" -> listQueues(in);
            case "TagQueue" -> tag(queue(in), in);
            case "UntagQueue" -> untag(queue(in), in);
            case "ListQueueTags" -> listTags(queue(in));
            case "SendMessage" -> send(queue(in), in);
            case "SendMessageBatch" -> batch(in, (q, e) -> send(q, e));
            case "ReceiveMessage" -> receive(in);
            case "DeleteMessage" -> {
                deleteMessage(queue(in), required(in, "ReceiptHandle"));
                yield Json.object();
            }
            case "DeleteMessageBatch" -> batch(in, (q, e) -> {
                deleteMessage(q, required(e, "ReceiptHandle"));
                return Json.object();
            });
            case "ChangeMessageVisibility" -> {
                changeVisibility(queue(in), required(in, "ReceiptHandle"), in.path("VisibilityTimeout").asInt(0));
                yield Json.object();
            }
            case "ChangeMessageVisibilityBatch" -> batch(in, (q, e) -> {
                changeVisibility(q, required(e, "ReceiptHandle"), e.path("VisibilityTimeout").asInt(0));
                return Json.object();
            });
            default -> throw new AwsException(400, "InvalidAction", "The action " + call.operation() + " is not valid for this endpoint.");
        };
        return call.protocol() == Protocol.QUERY
                ? AwsResponse.query(call.operation(), QueryOutput.toXmlTree(call.operation(), out), call.requestId())
                : AwsResponse.bytes(200, Json.bytes(out), "application/x-amz-json-1.0");
    }

    // ---- naming

    private String url(String name) {
        return endpoint.resolve("/" + LocalAccount.ID + "/" + name).toString();
    }

    private String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + LocalAccount.ID + ":" + name;
    }

    private static AwsException noSuchQueue() {
        return new AwsException(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }

    private static String required(JsonNode in, String field) {
        String v = Json.text(in, field);
        if (v == null) {
            throw new AwsException(400, "MissingParameter", "The request must contain the parameter " + field + ".");
        }
        return v;
    }

    private synchronized ObjectNode definition(String name) {
        JsonNode d = state.get("queues").get(name);
        if (d == null) {
            throw noSuchQueue();
        }
        return (ObjectNode) d;
    }

    private Queue queue(JsonNode in) {
        String url = required(in, "QueueUrl");
        String name = url.substring(url.lastIndexOf('/') + 1);
        Queue q = queues.get(name);
        if (q == null) {
            throw noSuchQueue();
        }
        return q;
    }

    private Queue queueByArn(String queueArn) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        Queue q = queues.get(name);
        if (q == null || !arn(name).equals(queueArn)) {
            throw noSuchQueue();
        }
        return q;
    }

    private synchronized void save() {
        store.save("sqs", state);
    }

    private synchronized ObjectNode tag(Queue q, JsonNode in) {
        ObjectNode tags = (ObjectNode) definition(q.name).get("tags");
        if (in.path("Tags").isObject()) {
            tags.setAll((ObjectNode) in.get("Tags").deepCopy());
        }
        save();
        return Json.object();
    }

    private synchronized ObjectNode untag(Queue q, JsonNode in) {
        ObjectNode tags = (ObjectNode) definition(q.name).get("tags");
        in.path("TagKeys").forEach(k -> tags.remove(k.asText()));
        save();
        return Json.object();
    }

    private synchronized ObjectNode listTags(Queue q) {
        JsonNode tags = definition(q.name).get("tags");
        ObjectNode o = Json.object();
        if (tags.size() > 0) {
            o.set("Tags", tags.deepCopy());
        }
        return o;
    }

    /** A copy of a queue's attributes, taken under the lock that {@code SetQueueAttributes} writes under. */
    private synchronized ObjectNode attributes(Queue q) {
        return definition(q.name).get("attributes").deepCopy();
    }

    // ---- queues

    private static void validateAttributes(JsonNode attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!SETTABLE.contains(e.getKey())) {
                throw new AwsException(400, "InvalidAttributeName", "Unknown Attribute " + e.getKey() + ".");
            }
            String v = e.getValue().asText();
            switch (e.getKey()) {
                case "VisibilityTimeout" -> range(e.getKey(), v, 0, 43200);
                case "MessageRetentionPeriod" -> range(e.getKey(), v, 60, 1209600);
                case "MaximumMessageSize" -> range(e.getKey(), v, 1024, 262144);
                case "DelaySeconds" -> range(e.getKey(), v, 0, 900);
                case "ReceiveMessageWaitTimeSeconds" -> range(e.getKey(), v, 0, 20);
                case "RedrivePolicy" -> {
                    try {
                        JsonNode p = Json.MAPPER.readTree(v);
                        if (!p.path("deadLetterTargetArn").isTextual() || p.path("maxReceiveCount").asInt(0) < 1) {
                            throw new IllegalArgumentException();
                        }
                    } catch (Exception ex) {
                        throw new AwsException(400, "InvalidParameterValue", "Value " + v
                                + " for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map"
                                + " with deadLetterTargetArn and maxReceiveCount.");
                    }
                }
                case "Policy" -> {
                    try {
                        Json.MAPPER.readTree(v);
                    } catch (Exception ex) {
                        throw new AwsException(400, "InvalidAttributeValue", "Invalid value for the parameter Policy.");
                    }
                }
                default -> { }
            }
        }
    }

    /** As SQS stores it: a RedrivePolicy's maxReceiveCount is a number, even when sent as a string. */
    private static ObjectNode normalized(JsonNode attributes) {
        ObjectNode copy = attributes.deepCopy();
        if (copy.hasNonNull("RedrivePolicy")) {
            try {
                ObjectNode p = (ObjectNode) Json.MAPPER.readTree(copy.get("RedrivePolicy").asText());
                p.put("maxReceiveCount", p.get("maxReceiveCount").asInt());
                copy.put("RedrivePolicy", p.toString());
            } catch (Exception validatedAlready) {
                // validateAttributes has refused anything else
            }
        }
        return copy;
    }

    private static void range(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new AwsException(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
    }

    private synchronized ObjectNode createQueue(JsonNode in) {
        String name = required(in, "QueueName");
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(400, "InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        JsonNode attributes = in.path("Attributes").isObject() ? in.get("Attributes") : Json.object();
        validateAttributes(attributes);
        attributes = normalized(attributes);
        if (name.endsWith(".fifo") != "true".equals(attributes.path("FifoQueue").asText())) {
            throw new AwsException(400, "InvalidParameterValue", "The name of a FIFO queue can only include alphanumeric characters, "
                    + "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        }
        JsonNode existing = state.get("queues").get(name);
        if (existing != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                var e = it.next();
                String current = existing.get("attributes").path(e.getKey()).asText(DEFAULTS.get(e.getKey()));
                if (!e.getValue().asText().equals(current)) {
                    throw new AwsException(400, "QueueAlreadyExists", "A queue already exists with the same name and a different value for attribute "
                            + e.getKey());
                }
            }
            return Json.object().put("QueueUrl", url(name));
        }
        ObjectNode def = Json.object();
        ObjectNode attrs = def.putObject("attributes");
        DEFAULTS.forEach(attrs::put);
        attrs.setAll((ObjectNode) attributes.deepCopy());
        long now = System.currentTimeMillis() / 1000;
        attrs.put("CreatedTimestamp", Long.toString(now)).put("LastModifiedTimestamp", Long.toString(now));
        JsonNode tags = in.has("tags") ? in.get("tags") : in.path("Tags");
        def.set("tags", tags.isObject() ? tags.deepCopy() : Json.object());
        ((ObjectNode) state.get("queues")).set(name, def);
        queues.put(name, new Queue(name));
        save();
        return Json.object().put("QueueUrl", url(name));
    }

    private ObjectNode getAttributes(JsonNode in) {
        Queue q = queue(in);
        Set<String> wanted = new HashSet<>();
        in.path("AttributeNames").forEach(n -> wanted.add(n.asText()));
        ObjectNode all = attributes(q);
        all.put("QueueArn", arn(q.name));
        int[] counts = q.counts(System.currentTimeMillis());
        all.put("ApproximateNumberOfMessages", Integer.toString(counts[0]))
                .put("ApproximateNumberOfMessagesNotVisible", Integer.toString(counts[1]))
                .put("ApproximateNumberOfMessagesDelayed", Integer.toString(counts[2]));
        ObjectNode selected = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            var e = it.next();
            if (wanted.contains("All") || wanted.contains(e.getKey())) {
                selected.set(e.getKey(), e.getValue());
            }
        }
        for (String w : wanted) {
            if (!w.equals("All") && !all.has(w) && !SETTABLE.contains(w)) {
                throw new AwsException(400, "InvalidAttributeName", "Unknown Attribute " + w + ".");
            }
        }
        ObjectNode out = Json.object();
        if (selected.size() > 0) {
            out.set("Attributes", selected);
        }
        return out;
    }

    private synchronized ObjectNode setAttributes(JsonNode in) {
        Queue q = queue(in);
        JsonNode changes = in.path("Attributes").isObject() ? in.get("Attributes") : Json.object();
        validateAttributes(changes);
        changes = normalized(changes);
        ObjectNode attrs = (ObjectNode) definition(q.name).get("attributes");
        attrs.setAll((ObjectNode) changes.deepCopy());
        attrs.put("LastModifiedTimestamp", Long.toString(System.currentTimeMillis() / 1000));
        save();
        return Json.object();
    }

    private synchronized ObjectNode deleteQueue(JsonNode in) {
        Queue q = queue(in);
        ((ObjectNode) state.get("queues")).remove(q.name);
        queues.remove(q.name);
        save();
        synchronized (q) {
            q.messages.forEach(m -> forget(q, m));
            q.messages.clear();
        }
        return Json.object();
    }

    private synchronized ObjectNode listQueues(JsonNode in) {
        String prefix = in.path("QueueNamePrefix").asText("");
        int max = in.path("MaxResults").asInt(1000);
        List<String> names = new ArrayList<>();
        state.get("queues").fieldNames().forEachRemaining(n -> {
            if (n.startsWith(prefix)) {
                names.add(n);
            }
        });
        names.sort(String::compareTo);
        int from = in.hasNonNull("NextToken") ? in.get("NextToken").asInt(-1) : 0;
        if (from < 0 || max < 1 || max > 1000) {
            throw new AwsException(400, "InvalidParameterValue", "Invalid NextToken or MaxResults (1 to 1000).");
        }
        ArrayNode urls = Json.array();
        for (int i = from; i < Math.min(names.size(), from + max); i++) {
            urls.add(url(names.get(i)));
        }
        ObjectNode out = Json.object();
        if (!urls.isEmpty()) {
            out.set("QueueUrls", urls);
        }
        if (from + max < names.size() && in.has("MaxResults")) {
            out.put("NextToken", Integer.toString(from + max));
        }
        return out;
    }

    // ---- messages

    private synchronized int attribute(Queue q, String name) {
        return definition(q.name).get("attributes").path(name).asInt(Integer.parseInt(DEFAULTS.getOrDefault(name, "0")));
    }

    private ObjectNode send(Queue q, JsonNode in) {
        String body = required(in, "MessageBody");
        if (body.getBytes(StandardCharsets.UTF_8).length > attribute(q, "MaximumMessageSize")) {
            throw new AwsException(400, "InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than "
                    + attribute(q, "MaximumMessageSize") + " bytes.");
        }
        int delay = in.has("DelaySeconds") ? in.get("DelaySeconds").asInt() : attribute(q, "DelaySeconds");
        if (delay < 0 || delay > 900) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + delay + " for parameter DelaySeconds is invalid. "
                    + "Reason: DelaySeconds must be >= 0 and <= 900.");
        }
        ObjectNode attributes = in.path("MessageAttributes").isObject() ? (ObjectNode) in.get("MessageAttributes").deepCopy() : Json.object();
        Queue.Message m = enqueue(q, body, attributes, delay);
        ObjectNode out = Json.object().put("MessageId", m.id).put("MD5OfMessageBody", m.md5);
        if (m.md5Attributes != null) {
            out.put("MD5OfMessageAttributes", m.md5Attributes);
        }
        return out;
    }

    private Queue.Message enqueue(Queue q, String body, ObjectNode attributes, int delaySeconds) {
        long now = System.currentTimeMillis();
        Queue.Message m = new Queue.Message(UUID.randomUUID().toString(), body, attributes, now, now + delaySeconds * 1000L);
        synchronized (q) {
            q.messages.add(m);
            persist(q, m);
            q.notifyAll();
        }
        return m;
    }

    private interface EntryAction {
        ObjectNode apply(Queue q, JsonNode entry);
    }

    private ObjectNode batch(JsonNode in, EntryAction action) {
        Queue q = queue(in);
        JsonNode entries = in.path("Entries");
        if (entries.size() == 0) {
            throw new AwsException(400, "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one entry in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsException(400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10.");
        }
        Set<String> ids = new HashSet<>();
        ArrayNode ok = Json.array();
        ArrayNode failed = Json.array();
        for (JsonNode e : entries) {
            String id = required(e, "Id");
            if (!ids.add(id)) {
                throw new AwsException(400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
            }
            try {
                ObjectNode r = action.apply(q, e);
                ObjectNode item = Json.object().put("Id", id);
                item.setAll(r);
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

    private ObjectNode receive(JsonNode in) {
        Queue q = queue(in);
        int max = in.path("MaxNumberOfMessages").asInt(1);
        if (max < 1 || max > 10) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + max + " for parameter MaxNumberOfMessages is invalid. "
                    + "Reason: Must be between 1 and 10, if provided.");
        }
        int wait = in.has("WaitTimeSeconds") ? in.get("WaitTimeSeconds").asInt() : attribute(q, "ReceiveMessageWaitTimeSeconds");
        if (wait < 0 || wait > 20) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + wait + " for parameter WaitTimeSeconds is invalid. "
                    + "Reason: Must be >= 0 and <= 20, if provided.");
        }
        int visibility = in.has("VisibilityTimeout") ? in.get("VisibilityTimeout").asInt() : attribute(q, "VisibilityTimeout");
        if (visibility < 0 || visibility > 43200) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + visibility + " for parameter VisibilityTimeout is invalid. "
                    + "Reason: Must be >= 0 and <= 43200.");
        }
        Set<String> wantedAttrs = new HashSet<>();
        in.path("AttributeNames").forEach(n -> wantedAttrs.add(n.asText()));
        in.path("MessageSystemAttributeNames").forEach(n -> wantedAttrs.add(n.asText()));
        Set<String> wantedMsgAttrs = new HashSet<>();
        in.path("MessageAttributeNames").forEach(n -> wantedMsgAttrs.add(n.asText()));
        List<Queue.Message> got = take(q, max, visibility, Math.min(wait * 1000L, MAX_WAIT_MILLIS));
        ArrayNode messages = Json.array();
        for (Queue.Message m : got) {
            ObjectNode o = messages.addObject();
            o.put("MessageId", m.id).put("ReceiptHandle", m.receiptHandle).put("MD5OfBody", m.md5).put("Body", m.body);
            ObjectNode attrs = systemAttributes(m);
            ObjectNode selected = Json.object();
            attrs.fields().forEachRemaining(e -> {
                if (wantedAttrs.contains("All") || wantedAttrs.contains(e.getKey())) {
                    selected.set(e.getKey(), e.getValue());
                }
            });
            if (selected.size() > 0) {
                o.set("Attributes", selected);
            }
            ObjectNode msgAttrs = Json.object();
            m.attributes.fields().forEachRemaining(e -> {
                if (wantedMsgAttrs.contains("All") || wantedMsgAttrs.contains(".*") || wantedMsgAttrs.contains(e.getKey())) {
                    msgAttrs.set(e.getKey(), e.getValue());
                }
            });
            if (msgAttrs.size() > 0) {
                o.set("MessageAttributes", msgAttrs);
                o.put("MD5OfMessageAttributes", MessageMd5.ofAttributes(msgAttrs));
            }
        }
        ObjectNode out = Json.object();
        if (!messages.isEmpty()) {
            out.set("Messages", messages);
        }
        return out;
    }

    private static ObjectNode systemAttributes(Queue.Message m) {
        return Json.object().put("SenderId", LocalAccount.ID).put("SentTimestamp", Long.toString(m.sentAt))
                .put("ApproximateReceiveCount", Integer.toString(m.receiveCount))
                .put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveAt));
    }

    /** Takes visible messages (moving over-received ones to the dead-letter queue), long-polling up to waitMillis. */
    private List<Queue.Message> take(Queue q, int max, int visibilitySeconds, long waitMillis) {
        long deadline = System.currentTimeMillis() + waitMillis;
        JsonNode redrive = redrivePolicy(q);
        long retentionMillis = attribute(q, "MessageRetentionPeriod") * 1000L;
        while (true) {
            List<Queue.Message> got = new ArrayList<>();
            List<Queue.Message> dead = new ArrayList<>();
            long now = System.currentTimeMillis();
            long nextVisible = Long.MAX_VALUE;
            synchronized (q) {
                for (Iterator<Queue.Message> it = q.messages.iterator(); it.hasNext() && got.size() < max; ) {
                    Queue.Message m = it.next();
                    if (m.visibleAt > now) {
                        nextVisible = Math.min(nextVisible, m.visibleAt);
                        continue;
                    }
                    if (now - m.sentAt > retentionMillis) {
                        it.remove(); // MessageRetentionPeriod: SQS deletes it unseen
                        forget(q, m);
                        continue;
                    }
                    if (redrive != null && m.receiveCount >= redrive.path("maxReceiveCount").asInt()) {
                        it.remove();
                        forget(q, m);
                        dead.add(m);
                        continue;
                    }
                    m.receiveCount++;
                    if (m.firstReceiveAt == 0) {
                        m.firstReceiveAt = now;
                    }
                    m.visibleAt = now + visibilitySeconds * 1000L;
                    m.receiptHandle = Base64.getUrlEncoder().withoutPadding().encodeToString(
                            (m.id + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
                    persist(q, m);
                    got.add(m);
                }
                if (got.isEmpty() && dead.isEmpty() && now < deadline) {
                    try {
                        q.wait(Math.max(1, Math.min(deadline, nextVisible) - now));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return got;
                    }
                }
            }
            for (Queue.Message m : dead) {
                deadLetter(redrive.path("deadLetterTargetArn").asText(), m);
            }
            if (!got.isEmpty() || System.currentTimeMillis() >= deadline) {
                return got;
            }
        }
    }

    private synchronized JsonNode redrivePolicy(Queue q) {
        String policy = definition(q.name).get("attributes").path("RedrivePolicy").asText(null);
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(policy);
        } catch (Exception e) {
            return null;
        }
    }

    private void deadLetter(String dlqArn, Queue.Message m) {
        try {
            Queue dlq = queueByArn(dlqArn);
            Queue.Message moved = new Queue.Message(m.id, m.body, m.attributes, m.sentAt, 0);
            synchronized (dlq) {
                dlq.messages.add(moved);
                persist(dlq, moved);
                dlq.notifyAll();
            }
        } catch (AwsException e) {
            // a missing dead-letter queue drops the message, as SQS does once retention expires
        }
    }

    private static String messageId(String receiptHandle) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(receiptHandle), StandardCharsets.UTF_8);
            int colon = decoded.lastIndexOf(':');
            if (colon > 0) {
                return decoded.substring(0, colon);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new AwsException(400, "ReceiptHandleIsInvalid", "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
    }

    private void deleteMessage(Queue q, String receiptHandle) {
        synchronized (q) {
            Queue.Message m = q.byId(messageId(receiptHandle));
            if (m != null && q.remove(m.id)) {
                forget(q, m);
            }
        }
    }

    private void changeVisibility(Queue q, String receiptHandle, int seconds) {
        if (seconds < 0 || seconds > 43200) {
            throw new AwsException(400, "InvalidParameterValue", "Value " + seconds + " for parameter VisibilityTimeout is invalid. "
                    + "Reason: Must be between 0 and 43200.");
        }
        synchronized (q) {
            Queue.Message m = q.byId(messageId(receiptHandle));
            if (m == null || !receiptHandle.equals(m.receiptHandle) || m.visibleAt <= System.currentTimeMillis()) {
                throw new AwsException(400, "MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
            }
            m.visibleAt = System.currentTimeMillis() + seconds * 1000L;
            persist(q, m);
            q.notifyAll();
        }
    }

    // ---- for SNS, event source mappings and IAM

    /** The queue's access policy (a resource-based policy), or null when the queue or its policy does not exist. */
    public JsonNode policy(String queueArn) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        synchronized (this) {
            JsonNode d = state.get("queues").get(name);
            return d == null || !arn(name).equals(queueArn) ? null : io.javeze.local.iam.PolicyEvaluator.parse(d.path("attributes").path("Policy").asText(null));
        }
    }

    /**
     * Delivers a topic's message (SNS → SQS) if the queue's policy lets the topic send to it, as AWS requires;
     * otherwise throws, and SNS logs the failed delivery.
     */
    public void deliver(String queueArn, String topicArn, String body, ObjectNode messageAttributes) {
        Queue q = queueByArn(queueArn);
        String policy;
        synchronized (this) {
            policy = definition(q.name).get("attributes").path("Policy").asText(null);
        }
        if (!QueuePolicy.allowsTopic(policy, queueArn, topicArn, LocalAccount.ID)) {
            throw new AwsException(403, "AccessDenied", "the queue's policy does not allow " + topicArn
                    + " to send messages to it (a statement allowing sqs:SendMessage to sns.amazonaws.com with aws:SourceArn)");
        }
        enqueue(q, body, messageAttributes == null ? Json.object() : messageAttributes, attribute(q, "DelaySeconds"));
    }

    @Override
    public boolean exists(String queueArn) {
        try {
            queueByArn(queueArn);
            return true;
        } catch (AwsException e) {
            return false;
        }
    }

    @Override
    public List<ObjectNode> receive(String queueArn, int max, long waitMillis) {
        Queue q = queueByArn(queueArn);
        List<ObjectNode> records = new ArrayList<>();
        for (Queue.Message m : take(q, max, attribute(q, "VisibilityTimeout"), waitMillis)) {
            ObjectNode r = Json.object();
            r.put("messageId", m.id).put("receiptHandle", m.receiptHandle).put("body", m.body);
            r.set("attributes", systemAttributes(m));
            ObjectNode attrs = r.putObject("messageAttributes");
            m.attributes.fields().forEachRemaining(e -> {
                ObjectNode a = attrs.putObject(e.getKey());
                if (e.getValue().has("StringValue")) {
                    a.put("stringValue", e.getValue().get("StringValue").asText());
                }
                if (e.getValue().has("BinaryValue")) {
                    a.put("binaryValue", e.getValue().get("BinaryValue").asText());
                }
                a.putArray("stringListValues");
                a.putArray("binaryListValues");
                a.put("dataType", e.getValue().path("DataType").asText());
            });
            r.put("md5OfBody", m.md5).put("eventSource", "aws:sqs").put("eventSourceARN", queueArn).put("awsRegion", region);
            records.add(r);
        }
        return records;
    }

    @Override
    public void delete(String queueArn, String receiptHandle) {
        deleteMessage(queueByArn(queueArn), receiptHandle);
    }

    /** Queue names, for {@code javeze local status}. */
    public synchronized List<String> queueNames() {
        List<String> names = new ArrayList<>();
        state.get("queues").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
