package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.iam.PolicyEvaluator;
import io.javeze.local.lambda.EventSourceMappings;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.RequiredMembers;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQS's operations on parsed inputs; its JSON protocol (current SDKs) and its query protocol (the AWS CLI v2 2.9) are
 * parsed and written by the generic wire protocols. State lives in {@link SqsStore}; the event source mappings of
 * Lambda consume queues through {@link EventSourceMappings.QueueAccess}, SNS delivers through {@link #deliver}.
 */
public final class SqsProvider implements Provider, EventSourceMappings.QueueAccess, AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,80}(\\.fifo)?");

    private final SqsStore store;
    private final MessageOperations messages;
    private final String region;
    private final URI endpoint;

    public SqsProvider(StateStore state, String region, URI endpoint) {
        this(new SqsStore(state, region, System::currentTimeMillis), region, endpoint);
    }

    SqsProvider(SqsStore store, String region, URI endpoint) {
        this.store = store;
        this.messages = new MessageOperations(store);
        this.region = region;
        this.endpoint = endpoint;
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    /** Every change is journaled as it happens: nothing is left to save. */
    @Override
    public void close() {
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        RequiredMembers.check(operation.input(), in, "MissingParameter");
        return switch (operation.name()) {
            case "CreateQueue" -> createQueue(in);
            case "GetQueueUrl" -> {
                String name = in.get("QueueName").asText();
                store.definition(name);
                yield Json.object().put("QueueUrl", url(name));
            }
            case "GetQueueAttributes" -> getAttributes(queueName(in), in.path("AttributeNames"));
            case "SetQueueAttributes" -> {
                Map<String, String> changes = QueueAttributes.parse(in.path("Attributes"));
                store.update(queueName(in), d -> d.withAttributes(changes, store.now()));
                yield Json.object();
            }
            case "DeleteQueue" -> {
                store.deleteQueue(queueName(in));
                yield Json.object();
            }
            case "PurgeQueue" -> {
                store.purge(queueName(in));
                yield Json.object();
            }
            case "ListQueues" -> listQueues(in);
            case "ListDeadLetterSourceQueues" -> deadLetterSources(queueName(in));
            case "TagQueue" -> {
                Map<String, String> tags = Json.stringMap(in.get("Tags"));
                store.update(queueName(in), d -> d.withTags(tags, List.of()));
                yield Json.object();
            }
            case "UntagQueue" -> {
                List<String> keys = new ArrayList<>();
                in.path("TagKeys").forEach(k -> keys.add(k.asText()));
                store.update(queueName(in), d -> d.withTags(Map.of(), keys));
                yield Json.object();
            }
            case "ListQueueTags" -> {
                ObjectNode out = Json.object();
                Map<String, String> tags = store.definition(queueName(in)).tags();
                if (!tags.isEmpty()) {
                    tags.forEach(out.putObject("Tags")::put);
                }
                yield out;
            }
            case "SendMessage" -> messages.send(queueName(in), in);
            case "SendMessageBatch" -> messages.batch(queueName(in), in, "MessageBody", messages::send);
            case "ReceiveMessage" -> messages.receive(queueName(in), in);
            case "DeleteMessage" -> {
                store.delete(queueName(in), in.get("ReceiptHandle").asText());
                yield Json.object();
            }
            case "DeleteMessageBatch" -> messages.batch(queueName(in), in, "ReceiptHandle", (q, e) -> {
                store.delete(q, e.get("ReceiptHandle").asText());
                return Json.object();
            });
            case "ChangeMessageVisibility" -> {
                messages.changeVisibility(queueName(in), in);
                yield Json.object();
            }
            case "ChangeMessageVisibilityBatch" -> messages.batch(queueName(in), in, "ReceiptHandle", (q, e) -> {
                messages.changeVisibility(q, e);
                return Json.object();
            });
            default -> throw new AwsException(400, "InvalidAction", "The action " + operation.name() + " is not valid for this endpoint.");
        };
    }

    // ---- naming

    private String url(String name) {
        return endpoint.resolve("/" + LocalAccount.ID + "/" + name).toString();
    }

    /** The queue a QueueUrl names: SQS reads the last path segment, whatever host the URL has. */
    private static String queueName(JsonNode in) {
        String url = in.get("QueueUrl").asText();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    // ---- queues

    private ObjectNode createQueue(JsonNode in) {
        String name = in.get("QueueName").asText();
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(400, "InvalidParameterValue", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
        Map<String, String> attributes = QueueAttributes.parse(in.path("Attributes"));
        if (name.endsWith(".fifo") != "true".equals(attributes.get("FifoQueue"))) {
            throw new AwsException(400, "InvalidParameterValue", "The name of a FIFO queue can only include alphanumeric characters, "
                    + "hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        }
        JsonNode tags = in.has("tags") ? in.get("tags") : in.path("Tags");
        QueueDefinition existing = store.createOrGetExisting(QueueDefinition.create(name, attributes, Json.stringMap(tags), store.now()));
        if (existing != null) {
            attributes.forEach((attribute, value) -> {
                if (!value.equals(existing.attributes().get(attribute))) {
                    throw new AwsException(400, "QueueAlreadyExists", "A queue already exists with the same name and a different "
                            + "value for attribute " + attribute);
                }
            });
        }
        return Json.object().put("QueueUrl", url(name));
    }

    private ObjectNode getAttributes(String name, JsonNode names) {
        Set<String> wanted = new HashSet<>();
        names.forEach(n -> wanted.add(n.asText()));
        QueueDefinition d = store.definition(name);
        SqsStore.Counts counts = store.counts(name);
        Map<String, String> all = new LinkedHashMap<>(d.attributes());
        all.put("QueueArn", store.arn(name));
        all.put("ApproximateNumberOfMessages", Integer.toString(counts.visible()));
        all.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(counts.inFlight()));
        all.put("ApproximateNumberOfMessagesDelayed", Integer.toString(counts.delayed()));
        for (String w : wanted) {
            if (!w.equals("All") && !all.containsKey(w) && !QueueAttributes.SETTABLE.contains(w)) {
                throw new AwsException(400, "InvalidAttributeName", "Unknown Attribute " + w + ".");
            }
        }
        ObjectNode selected = Json.object();
        all.forEach((k, v) -> {
            if (wanted.contains("All") || wanted.contains(k)) {
                selected.put(k, v);
            }
        });
        ObjectNode out = Json.object();
        if (selected.size() > 0) {
            out.set("Attributes", selected);
        }
        return out;
    }

    private ObjectNode listQueues(JsonNode in) {
        String prefix = in.path("QueueNamePrefix").asText("");
        int max = in.path("MaxResults").asInt(1000);
        int from = in.hasNonNull("NextToken") ? parseToken(in.get("NextToken").asText()) : 0;
        if (from < 0 || max < 1 || max > 1000) {
            throw new AwsException(400, "InvalidParameterValue", "Invalid NextToken or MaxResults (1 to 1000).");
        }
        List<String> names = store.definitions().stream().map(QueueDefinition::name).filter(n -> n.startsWith(prefix)).toList();
        ObjectNode out = Json.object();
        if (from < names.size()) {
            ArrayNode urls = out.putArray("QueueUrls");
            names.subList(from, Math.min(names.size(), from + max)).forEach(n -> urls.add(url(n)));
        }
        if (from + max < names.size() && in.has("MaxResults")) {
            out.put("NextToken", Integer.toString(from + max));
        }
        return out;
    }

    private static int parseToken(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ObjectNode deadLetterSources(String name) {
        String arn = store.arn(store.definition(name).name());
        ArrayNode urls = Json.array();
        for (QueueDefinition d : store.definitions()) {
            QueueDefinition.Redrive r = d.redrive();
            if (r != null && r.deadLetterTargetArn().equals(arn)) {
                urls.add(url(d.name()));
            }
        }
        return (ObjectNode) Json.object().set("queueUrls", urls);
    }

    // ---- for SNS, event source mappings and IAM

    /** The queue's access policy (a resource-based policy), or null when the queue or its policy does not exist. */
    public JsonNode policy(String queueArn) {
        try {
            return PolicyEvaluator.parse(store.definition(store.nameOfArn(queueArn)).policy());
        } catch (AwsException noSuchQueue) {
            return null;
        }
    }

    /**
     * Delivers a topic's message (SNS → SQS) if the queue's policy lets the topic send to it, as AWS requires;
     * otherwise throws, and SNS logs the failed delivery.
     *
     * @param messageAttributes SQS's {@code MessageAttributes} shape, or null
     */
    public void deliver(String queueArn, String topicArn, String body, ObjectNode messageAttributes) {
        String name = store.nameOfArn(queueArn);
        QueueDefinition d = store.definition(name);
        if (!QueuePolicy.allowsTopic(d.policy(), queueArn, topicArn, LocalAccount.ID)) {
            throw new AwsException(403, "AccessDenied", "the queue's policy does not allow " + topicArn
                    + " to send messages to it (a statement allowing sqs:SendMessage to sns.amazonaws.com with aws:SourceArn)");
        }
        store.add(name, SqsMessage.sent(body, MessageAttribute.fromShape(messageAttributes), store.now(), d.number("DelaySeconds")));
    }

    @Override
    public boolean exists(String queueArn) {
        try {
            store.nameOfArn(queueArn);
            return true;
        } catch (AwsException e) {
            return false;
        }
    }

    @Override
    public List<ObjectNode> receive(String queueArn, int max, long waitMillis) {
        return messages.eventRecords(queueArn, region, store.receive(store.nameOfArn(queueArn), max, null, waitMillis));
    }

    @Override
    public void delete(String queueArn, String receiptHandle) {
        store.delete(store.nameOfArn(queueArn), receiptHandle);
    }

    @Override
    public void release(String queueArn, String receiptHandle) {
        store.changeVisibility(store.nameOfArn(queueArn), receiptHandle, 0);
    }
}
