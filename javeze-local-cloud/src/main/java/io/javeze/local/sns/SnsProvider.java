package io.javeze.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SNS's operations: topics, subscriptions of SQS queues and Lambda functions, tags, Publish and PublishBatch. Topics
 * and subscriptions live in {@link SnsStore}; {@link SnsDelivery} delivers what is published.
 */
public final class SnsProvider implements Provider {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,256}(\\.fifo)?");
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final int MAX_BATCH = 10;
    private final SnsStore store;
    private final SnsDelivery delivery;
    private final String region;

    public SnsProvider(SnsStore store, SnsDelivery delivery, String region) {
        this.store = store;
        this.delivery = delivery;
        this.region = region;
    }

    @Override
    public String signingName() {
        return "sns";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        return switch (operation.name()) {
            case "CreateTopic" -> createTopic(in);
            case "DeleteTopic" -> {
                store.deleteTopic(in.path("TopicArn").asText());
                yield null;
            }
            case "ListTopics" -> {
                ObjectNode out = Json.object();
                ArrayNode list = out.putArray("Topics");
                store.topics().forEach(t -> list.addObject().put("TopicArn", t.arn()));
                yield out;
            }
            case "GetTopicAttributes" -> attributes(topicAttributes(store.topic(in.path("TopicArn").asText())));
            case "SetTopicAttributes" -> {
                String name = in.path("AttributeName").asText();
                String value = in.path("AttributeValue").asText("");
                store.updateTopic(in.path("TopicArn").asText(), t -> t.withAttributes(with(t.attributes(), name, value)));
                yield null;
            }
            case "TagResource" -> {
                Map<String, String> tags = tags(in.path("Tags"));
                store.updateTopic(in.path("ResourceArn").asText(), t -> {
                    Map<String, String> all = new LinkedHashMap<>(t.tags());
                    all.putAll(tags);
                    return t.withTags(all);
                });
                yield null;
            }
            case "UntagResource" -> {
                store.updateTopic(in.path("ResourceArn").asText(), t -> {
                    Map<String, String> all = new LinkedHashMap<>(t.tags());
                    in.path("TagKeys").forEach(k -> all.remove(k.asText()));
                    return t.withTags(all);
                });
                yield null;
            }
            case "ListTagsForResource" -> {
                ObjectNode out = Json.object();
                ArrayNode list = out.putArray("Tags");
                store.topic(in.path("ResourceArn").asText()).tags().forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
                yield out;
            }
            case "Subscribe" -> subscribe(in);
            case "Unsubscribe" -> {
                store.unsubscribe(in.path("SubscriptionArn").asText());
                yield null;
            }
            case "ListSubscriptions" -> subscriptions(null);
            case "ListSubscriptionsByTopic" -> subscriptions(store.topic(in.path("TopicArn").asText()).arn());
            case "GetSubscriptionAttributes" -> attributes(subscriptionAttributes(store.subscription(in.path("SubscriptionArn").asText())));
            case "SetSubscriptionAttributes" -> {
                String name = in.path("AttributeName").asText();
                String value = in.path("AttributeValue").asText("");
                validateSubscriptionAttribute(name, value);
                store.updateSubscription(in.path("SubscriptionArn").asText(),
                        s -> new SnsStore.Subscription(s.arn(), s.topicArn(), s.protocol(), s.endpoint(), with(s.attributes(), name, value)));
                yield null;
            }
            case "Publish" -> Json.object().put("MessageId", publish(targetArn(in), in));
            case "PublishBatch" -> publishBatch(in);
            default -> throw new AwsException(400, "InvalidAction", "The action " + operation.name() + " is not valid for the local cloud.");
        };
    }

    private ObjectNode createTopic(ObjectNode in) {
        String name = in.path("Name").asText();
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: Topic Name");
        }
        String arn = "arn:aws:sns:" + region + ":" + LocalAccount.ID + ":" + name;
        return Json.object().put("TopicArn", store.createTopic(name, arn, Json.stringMap(in.path("Attributes")), tags(in.path("Tags"))).arn());
    }

    private static Map<String, String> tags(JsonNode list) {
        Map<String, String> tags = new LinkedHashMap<>();
        list.forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText("")));
        return tags;
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    private static ObjectNode attributes(Map<String, String> attributes) {
        return (ObjectNode) Json.object().set("Attributes", Json.toObject(attributes));
    }

    private Map<String, String> topicAttributes(SnsStore.Topic t) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("TopicArn", t.arn());
        a.put("Owner", LocalAccount.ID);
        a.put("DisplayName", "");
        a.put("SubscriptionsConfirmed", Integer.toString(store.subscriptionsOf(t.arn()).size()));
        a.put("SubscriptionsPending", "0");
        a.put("SubscriptionsDeleted", "0");
        a.put("Policy", "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:Publish\",\"SNS:Subscribe\"],\"Resource\":\""
                + t.arn() + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + LocalAccount.ID + "\"}}}]}");
        a.putAll(t.attributes());
        return a;
    }

    private static void validateSubscriptionAttribute(String name, String value) {
        switch (name) {
            case "RawMessageDelivery" -> {
                if (!"true".equals(value) && !"false".equals(value)) {
                    throw new AwsException(400, "InvalidParameter", "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value ["
                            + value + "]. Must be true or false.");
                }
            }
            case "FilterPolicy" -> {
                if (!value.isBlank()) {
                    FilterPolicy.parse(value);
                }
            }
            case "FilterPolicyScope" -> FilterPolicy.validateScope(value);
            case "RedrivePolicy", "DeliveryPolicy", "SubscriptionRoleArn" -> { }
            default -> throw new AwsException(400, "InvalidParameter", "Invalid parameter: AttributeName");
        }
    }

    private ObjectNode subscribe(ObjectNode in) {
        String topicArn = in.path("TopicArn").asText();
        String protocol = in.path("Protocol").asText();
        String endpoint = in.path("Endpoint").asText(null);
        if (!protocol.equals("sqs") && !protocol.equals("lambda")) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: The local cloud delivers to sqs and lambda endpoints only, not "
                    + protocol);
        }
        if (endpoint == null || !endpoint.startsWith("arn:aws:" + protocol + ":")) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: " + (protocol.equals("sqs") ? "SQS" : "Lambda") + " endpoint ARN");
        }
        Map<String, String> attributes = Json.stringMap(in.path("Attributes"));
        attributes.forEach(SnsProvider::validateSubscriptionAttribute);
        return Json.object().put("SubscriptionArn", store.subscribe(topicArn, protocol, endpoint, attributes).arn());
    }

    private static Map<String, String> subscriptionAttributes(SnsStore.Subscription s) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("SubscriptionArn", s.arn());
        a.put("TopicArn", s.topicArn());
        a.put("Protocol", s.protocol());
        a.put("Endpoint", s.endpoint());
        a.put("Owner", LocalAccount.ID);
        a.put("ConfirmationWasAuthenticated", "true");
        a.put("PendingConfirmation", "false");
        a.put("RawMessageDelivery", "false");
        a.putAll(s.attributes());
        return a;
    }

    private ObjectNode subscriptions(String topicArn) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Subscriptions");
        (topicArn == null ? store.subscriptions() : store.subscriptionsOf(topicArn)).forEach(s -> list.addObject()
                .put("SubscriptionArn", s.arn()).put("Owner", LocalAccount.ID).put("Protocol", s.protocol())
                .put("Endpoint", s.endpoint()).put("TopicArn", s.topicArn()));
        return out;
    }

    private static String targetArn(JsonNode in) {
        String arn = in.path("TopicArn").asText(null);
        if (arn == null) {
            arn = in.path("TargetArn").asText(null);
        }
        if (arn == null) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }
        return arn;
    }

    /** Publishes one message ({@code Message}, {@code Subject}, {@code MessageAttributes}); returns its id. */
    private String publish(String topicArn, JsonNode entry) {
        String message = entry.path("Message").asText();
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: Message too long");
        }
        ObjectNode attributes = entry.path("MessageAttributes").isObject() ? (ObjectNode) entry.get("MessageAttributes") : Json.object();
        attributes.fields().forEachRemaining(a -> {
            String type = a.getValue().path("DataType").asText("");
            if (!type.startsWith("String") && !type.startsWith("Number") && !type.startsWith("Binary")) {
                throw new AwsException(400, "ParameterValueInvalid", "The message attribute '" + a.getKey()
                        + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
        });
        String messageId = UUID.randomUUID().toString();
        store.topic(topicArn);
        delivery.deliver(new SnsDelivery.Message(messageId, topicArn, entry.path("Subject").asText(null), message, attributes),
                store.subscriptionsOf(topicArn));
        return messageId;
    }

    private ObjectNode publishBatch(ObjectNode in) {
        String topicArn = in.path("TopicArn").asText();
        JsonNode entries = in.path("PublishBatchRequestEntries");
        if (entries.isEmpty()) {
            throw new AwsException(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH) {
            throw new AwsException(400, "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        entries.forEach(e -> {
            if (!ids.add(e.path("Id").asText())) {
                throw new AwsException(400, "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.");
            }
        });
        store.topic(topicArn);
        ObjectNode out = Json.object();
        ArrayNode successful = out.putArray("Successful");
        ArrayNode failed = out.putArray("Failed");
        for (JsonNode e : entries) {
            try {
                String messageId = publish(topicArn, e);
                successful.addObject().put("Id", e.path("Id").asText()).put("MessageId", messageId);
            } catch (AwsException ex) {
                failed.addObject().put("Id", e.path("Id").asText()).put("Code", ex.code()).put("Message", ex.getMessage())
                        .put("SenderFault", ex.senderFault());
            }
        }
        return out;
    }
}
