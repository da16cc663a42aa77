package io.javeze.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.lambda.LambdaInvoker;
import io.javeze.local.sqs.SqsProvider;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** SNS topics and subscriptions (query protocol), delivering to SQS queues and Lambda functions. */
public final class SnsService implements AwsService {
    private static final Logger LOG = Logger.getLogger(SnsService.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,256}(\\.fifo)?");
    private final StateStore store;
    private final ObjectNode state;
    private final String region;
    private final URI endpoint;
    private final SqsProvider sqs;
    private final LambdaInvoker lambda;

    /** @param endpoint the local cloud's, for the UnsubscribeURL of notifications */
    public SnsService(StateStore store, String region, URI endpoint, SqsProvider sqs, LambdaInvoker lambda) {
        this.store = store;
        this.endpoint = endpoint;
        this.region = region;
        this.sqs = sqs;
        this.lambda = lambda;
        this.state = store.load("sns");
        for (String k : new String[] {"topics", "subscriptions"}) {
            if (!state.has(k)) {
                state.putObject(k);
            }
        }
    }

    @Override
    public String signingName() {
        return "sns";
    }

    private ObjectNode topics() {
        return (ObjectNode) state.get("topics");
    }

    private ObjectNode subscriptions() {
        return (ObjectNode) state.get("subscriptions");
    }

    private ObjectNode save() {
        store.save("sns", state);
        return Json.object();
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        ObjectNode result;
        synchronized (this) {
            result = switch (call.operation()) {
                case "CreateTopic" -> createTopic(call);
                case "DeleteTopic" -> deleteTopic(call);
                case "ListTopics" -> listTopics();
                case "GetTopicAttributes" -> (ObjectNode) Json.object().set("Attributes", entries(topicAttributes(topic(call.requiredParam("TopicArn")))));
                case "SetTopicAttributes" -> {
                    ObjectNode t = topic(call.requiredParam("TopicArn"));
                    ((ObjectNode) t.get("attributes")).put(call.requiredParam("AttributeName"), call.param("AttributeValue"));
                    yield save();
                }
                case "TagResource" -> {
                    ObjectNode tags = (ObjectNode) topic(call.requiredParam("ResourceArn")).get("tags");
                    tags.setAll(call.map("Tags.member", "Key", "Value"));
                    yield save();
                }
                case "UntagResource" -> {
                    ObjectNode tags = (ObjectNode) topic(call.requiredParam("ResourceArn")).get("tags");
                    call.list("TagKeys.member").forEach(k -> tags.remove(k.get("")));
                    yield save();
                }
                case "ListTagsForResource" -> {
                    ArrayNode list = Json.array();
                    topic(call.requiredParam("ResourceArn")).get("tags").fields()
                            .forEachRemaining(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
                    ObjectNode out = Json.object();
                    out.putObject("Tags").set("member", list);
                    yield out;
                }
                case "Subscribe" -> subscribe(call);
                case "Unsubscribe" -> {
                    if (subscriptions().remove(call.requiredParam("SubscriptionArn")) == null) {
                        throw new AwsException(404, "NotFound", "Subscription does not exist");
                    }
                    yield save();
                }
                case "ListSubscriptions" -> listSubscriptions(null);
                case "ListSubscriptionsByTopic" -> listSubscriptions(topic(call.requiredParam("TopicArn")).get("arn").asText());
                case "GetSubscriptionAttributes" -> (ObjectNode) Json.object().set("Attributes", entries(subscriptionAttributes(
                        subscription(call.requiredParam("SubscriptionArn")))));
                case "SetSubscriptionAttributes" -> {
                    ObjectNode s = subscription(call.requiredParam("SubscriptionArn"));
                    String name = call.requiredParam("AttributeName");
                    validateSubscriptionAttribute(name, call.param("AttributeValue"));
                    ((ObjectNode) s.get("attributes")).put(name, call.param("AttributeValue"));
                    yield save();
                }
                case "Publish" -> null;
                default -> throw new AwsException(400, "InvalidAction", "The action " + call.operation() + " is not valid for the local cloud.");
            };
        }
        if (result == null) {
            result = publish(call);
        }
        return AwsResponse.query(call.operation(), result, call.requestId());
    }

    private String topicArn(String name) {
        return "arn:aws:sns:" + region + ":" + LocalAccount.ID + ":" + name;
    }

    private ObjectNode topic(String arn) {
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        JsonNode t = topics().get(name);
        if (t == null || !t.get("arn").asText().equals(arn)) {
            throw new AwsException(404, "NotFound", "Topic does not exist");
        }
        return (ObjectNode) t;
    }

    private ObjectNode subscription(String arn) {
        JsonNode s = subscriptions().get(arn);
        if (s == null) {
            throw new AwsException(404, "NotFound", "Subscription does not exist");
        }
        return (ObjectNode) s;
    }

    private static ObjectNode entries(ObjectNode map) {
        ArrayNode list = Json.array();
        map.fields().forEachRemaining(e -> list.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
        return (ObjectNode) Json.object().set("entry", list);
    }

    private ObjectNode createTopic(AwsCall call) {
        String name = call.requiredParam("Name");
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: Topic Name");
        }
        ObjectNode attributes = call.map("Attributes.entry", "key", "value");
        JsonNode existing = topics().get(name);
        if (existing != null) {
            return Json.object().put("TopicArn", existing.get("arn").asText());
        }
        ObjectNode t = topics().putObject(name);
        t.put("arn", topicArn(name));
        t.set("attributes", attributes);
        t.set("tags", call.map("Tags.member", "Key", "Value"));
        save();
        return Json.object().put("TopicArn", topicArn(name));
    }

    private ObjectNode deleteTopic(AwsCall call) {
        String arn = call.requiredParam("TopicArn");
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        topics().remove(name);
        subscriptions().properties().removeIf(e -> e.getValue().get("TopicArn").asText().equals(arn));
        return save();
    }

    private ObjectNode listTopics() {
        ArrayNode list = Json.array();
        topics().forEach(t -> list.addObject().put("TopicArn", t.get("arn").asText()));
        ObjectNode out = Json.object();
        out.putObject("Topics").set("member", list);
        return out;
    }

    private ObjectNode topicAttributes(ObjectNode t) {
        ObjectNode a = Json.object();
        String arn = t.get("arn").asText();
        a.put("TopicArn", arn).put("Owner", LocalAccount.ID).put("DisplayName", "");
        long confirmed = subscriptions().properties().stream().filter(e -> e.getValue().get("TopicArn").asText().equals(arn)).count();
        a.put("SubscriptionsConfirmed", Long.toString(confirmed)).put("SubscriptionsPending", "0").put("SubscriptionsDeleted", "0");
        a.put("Policy", "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:Publish\",\"SNS:Subscribe\"],\"Resource\":\"" + arn
                + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + LocalAccount.ID + "\"}}}]}");
        a.setAll((ObjectNode) t.get("attributes"));
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
            case "FilterPolicy", "FilterPolicyScope", "RedrivePolicy", "DeliveryPolicy", "SubscriptionRoleArn" -> { }
            default -> throw new AwsException(400, "InvalidParameter", "Invalid parameter: AttributeName");
        }
    }

    private ObjectNode subscribe(AwsCall call) {
        ObjectNode t = topic(call.requiredParam("TopicArn"));
        String protocol = call.requiredParam("Protocol");
        String endpoint = call.param("Endpoint");
        if (!protocol.equals("sqs") && !protocol.equals("lambda")) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: The local cloud delivers to sqs and lambda endpoints only, not "
                    + protocol);
        }
        if (endpoint == null || !endpoint.startsWith("arn:aws:" + protocol + ":")) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: " + (protocol.equals("sqs") ? "SQS" : "Lambda") + " endpoint ARN");
        }
        ObjectNode attributes = call.map("Attributes.entry", "key", "value");
        attributes.fields().forEachRemaining(e -> validateSubscriptionAttribute(e.getKey(), e.getValue().asText()));
        String topicArn = t.get("arn").asText();
        for (Map.Entry<String, JsonNode> e : subscriptions().properties()) {
            JsonNode s = e.getValue();
            if (s.get("TopicArn").asText().equals(topicArn) && s.get("Protocol").asText().equals(protocol)
                    && s.get("Endpoint").asText().equals(endpoint)) {
                return Json.object().put("SubscriptionArn", e.getKey());
            }
        }
        String arn = topicArn + ":" + UUID.randomUUID();
        ObjectNode s = subscriptions().putObject(arn);
        s.put("SubscriptionArn", arn).put("TopicArn", topicArn).put("Protocol", protocol).put("Endpoint", endpoint)
                .put("Owner", LocalAccount.ID);
        s.set("attributes", attributes);
        save();
        return Json.object().put("SubscriptionArn", arn);
    }

    private ObjectNode subscriptionAttributes(ObjectNode s) {
        ObjectNode a = Json.object();
        a.put("SubscriptionArn", s.get("SubscriptionArn").asText()).put("TopicArn", s.get("TopicArn").asText())
                .put("Protocol", s.get("Protocol").asText()).put("Endpoint", s.get("Endpoint").asText())
                .put("Owner", LocalAccount.ID).put("ConfirmationWasAuthenticated", "true").put("PendingConfirmation", "false")
                .put("RawMessageDelivery", "false");
        a.setAll((ObjectNode) s.get("attributes"));
        return a;
    }

    private ObjectNode listSubscriptions(String topicArn) {
        ArrayNode list = Json.array();
        subscriptions().forEach(s -> {
            if (topicArn == null || topicArn.equals(s.get("TopicArn").asText())) {
                list.addObject().put("SubscriptionArn", s.get("SubscriptionArn").asText()).put("Owner", LocalAccount.ID)
                        .put("Protocol", s.get("Protocol").asText()).put("Endpoint", s.get("Endpoint").asText())
                        .put("TopicArn", s.get("TopicArn").asText());
            }
        });
        ObjectNode out = Json.object();
        out.putObject("Subscriptions").set("member", list);
        return out;
    }

    private ObjectNode publish(AwsCall call) {
        String topicArn = call.param("TopicArn") != null ? call.param("TopicArn") : call.param("TargetArn");
        String message = call.requiredParam("Message");
        if (message.getBytes(StandardCharsets.UTF_8).length > 256 * 1024) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: Message too long");
        }
        String subject = call.param("Subject");
        ObjectNode attributes = Json.object();
        for (Map<String, String> a : call.list("MessageAttributes.entry")) {
            ObjectNode v = attributes.putObject(a.get("Name"));
            v.put("DataType", a.getOrDefault("Value.DataType", "String"));
            if (a.containsKey("Value.StringValue")) {
                v.put("StringValue", a.get("Value.StringValue"));
            }
            if (a.containsKey("Value.BinaryValue")) {
                v.put("BinaryValue", a.get("Value.BinaryValue"));
            }
        }
        String messageId = UUID.randomUUID().toString();
        ArrayNode targets = Json.array();
        synchronized (this) {
            if (topicArn == null) {
                throw new AwsException(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
            }
            topic(topicArn);
            subscriptions().forEach(s -> {
                if (s.get("TopicArn").asText().equals(topicArn)) {
                    targets.add(s.deepCopy());
                }
            });
        }
        String timestamp = Clock.iso(System.currentTimeMillis());
        for (JsonNode s : targets) {
            ObjectNode notification = Notifications.envelope(messageId, topicArn, subject, message, timestamp, attributes,
                    endpoint, s.get("SubscriptionArn").asText());
            try {
                if (s.get("Protocol").asText().equals("sqs")) {
                    boolean raw = "true".equals(s.path("attributes").path("RawMessageDelivery").asText());
                    sqs.deliver(s.get("Endpoint").asText(), topicArn, raw ? message : notification.toString(), raw ? attributes : null);
                } else {
                    ObjectNode event = Json.object();
                    ObjectNode record = event.putArray("Records").addObject();
                    record.put("EventSource", "aws:sns").put("EventVersion", "1.0")
                            .put("EventSubscriptionArn", s.get("SubscriptionArn").asText());
                    record.set("Sns", Notifications.lambdaShape(notification));
                    lambda.invokeAsync(s.get("Endpoint").asText(), "sns.amazonaws.com", topicArn, Json.bytes(event));
                }
            } catch (AwsException e) {
                LOG.info("SNS delivery to " + s.get("Endpoint").asText() + " failed: " + e.getMessage());
            }
        }
        return Json.object().put("MessageId", messageId);
    }

    /** Topic ARNs, for {@code javeze local status}. */
    public synchronized java.util.List<String> topicArns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        topics().forEach(t -> out.add(t.get("arn").asText()));
        return out;
    }
}
