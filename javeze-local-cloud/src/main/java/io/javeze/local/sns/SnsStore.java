package io.javeze.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.RecordTable;
import io.javeze.local.store.StateStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * SNS's topics and subscriptions: one journaled record each (tables {@code sns-topics} by topic name and
 * {@code sns-subscriptions} by subscription ARN). A change holds only the lock of the topic or subscription it
 * changes (subscribing and deleting a topic hold the topic's, so neither leaves a subscription without its topic);
 * publishing reads without locking.
 */
public final class SnsStore {
    static final String TOPICS = "sns-topics";

    /** A topic: the attributes set on it (the computed ones are the provider's) and its tags. */
    public record Topic(String name, String arn, Map<String, String> attributes, Map<String, String> tags) {
        public Topic {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        Topic withAttributes(Map<String, String> a) {
            return new Topic(name, arn, a, tags);
        }

        Topic withTags(Map<String, String> t) {
            return new Topic(name, arn, attributes, t);
        }

        JsonNode toJson() {
            ObjectNode j = Json.object().put("name", name).put("arn", arn);
            j.set("attributes", Json.toObject(attributes));
            j.set("tags", Json.toObject(tags));
            return j;
        }

        static Topic fromJson(JsonNode j) {
            return new Topic(j.path("name").asText(), j.path("arn").asText(), Json.stringMap(j.path("attributes")),
                    Json.stringMap(j.path("tags")));
        }
    }

    /** A confirmed subscription of an {@code sqs} or {@code lambda} endpoint, with the attributes set on it. */
    public record Subscription(String arn, String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        public Subscription {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        boolean rawMessageDelivery() {
            return "true".equals(attributes.get("RawMessageDelivery"));
        }

        JsonNode toJson() {
            ObjectNode j = Json.object().put("arn", arn).put("topicArn", topicArn).put("protocol", protocol).put("endpoint", endpoint);
            j.set("attributes", Json.toObject(attributes));
            return j;
        }

        static Subscription fromJson(JsonNode j) {
            return new Subscription(j.path("arn").asText(), j.path("topicArn").asText(), j.path("protocol").asText(),
                    j.path("endpoint").asText(), Json.stringMap(j.path("attributes")));
        }
    }

    private final RecordTable<Topic> topics;
    private final RecordTable<Subscription> subscriptions;

    public SnsStore(StateStore store) {
        this.topics = new RecordTable<>(store, TOPICS, Topic::fromJson, Topic::toJson);
        this.subscriptions = new RecordTable<>(store, "sns-subscriptions", Subscription::fromJson, Subscription::toJson);
    }

    /** The ARNs of the topics a data directory holds, for {@code javeze local status} (the cloud need not run). */
    public static List<String> topicArns(StateStore store) {
        return new java.util.TreeMap<>(store.table(TOPICS).records()).values().stream().map(t -> t.path("arn").asText()).toList();
    }

    /** The topic named so, created with these attributes and tags when there is none. */
    Topic createTopic(String name, String arn, Map<String, String> attributes, Map<String, String> tags) {
        return topics.update(name, current -> current != null ? current : new Topic(name, arn, attributes, tags));
    }

    /** The topic with this ARN; NotFound when there is none. */
    Topic topic(String arn) {
        Topic t = topics.get(nameOf(arn));
        if (t == null || !t.arn().equals(arn)) {
            throw topicNotFound();
        }
        return t;
    }

    List<Topic> topics() {
        return topics.all();
    }

    Topic updateTopic(String arn, UnaryOperator<Topic> change) {
        return topics.update(nameOf(arn), current -> {
            if (current == null || !current.arn().equals(arn)) {
                throw topicNotFound();
            }
            return change.apply(current);
        });
    }

    /** Deletes the topic and its subscriptions; deleting a topic that is not there succeeds, as on AWS. */
    void deleteTopic(String arn) {
        topics.update(nameOf(arn), current -> {
            if (current == null || !current.arn().equals(arn)) {
                return current;
            }
            subscriptionsOf(arn).forEach(s -> subscriptions.remove(s.arn()));
            return null;
        });
    }

    /** The subscription of this endpoint to the topic: the existing one, else a new one with these attributes. */
    Subscription subscribe(String topicArn, String protocol, String endpoint, Map<String, String> attributes) {
        Subscription[] result = new Subscription[1];
        updateTopic(topicArn, topic -> {
            result[0] = subscriptionsOf(topicArn).stream()
                    .filter(s -> s.protocol().equals(protocol) && s.endpoint().equals(endpoint)).findFirst()
                    .orElseGet(() -> {
                        String arn = topicArn + ":" + UUID.randomUUID();
                        return subscriptions.update(arn, none -> new Subscription(arn, topicArn, protocol, endpoint, attributes));
                    });
            return topic;
        });
        return result[0];
    }

    void unsubscribe(String arn) {
        if (subscriptions.remove(arn) == null) {
            throw subscriptionNotFound();
        }
    }

    Subscription subscription(String arn) {
        Subscription s = subscriptions.get(arn);
        if (s == null) {
            throw subscriptionNotFound();
        }
        return s;
    }

    Subscription updateSubscription(String arn, UnaryOperator<Subscription> change) {
        return subscriptions.update(arn, current -> {
            if (current == null) {
                throw subscriptionNotFound();
            }
            return change.apply(current);
        });
    }

    List<Subscription> subscriptions() {
        return subscriptions.all();
    }

    List<Subscription> subscriptionsOf(String topicArn) {
        return subscriptions.all().stream().filter(s -> s.topicArn().equals(topicArn)).toList();
    }

    private static String nameOf(String topicArn) {
        return topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    private static AwsException topicNotFound() {
        return new AwsException(404, "NotFound", "Topic does not exist");
    }

    private static AwsException subscriptionNotFound() {
        return new AwsException(404, "NotFound", "Subscription does not exist");
    }
}
