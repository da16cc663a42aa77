package io.javeze.deploy.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.model.TopicTarget;
import io.javeze.deploy.state.ActualApp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Topics, each subscriber's queue + dead-letter queue, its subscription and its event source mapping. */
final class PubSubDiff {
    static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    private PubSubDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Plan.Builder plan) {
        Set<String> wantedTopics = new HashSet<>();
        for (TopicTarget t : desired.topics()) {
            wantedTopics.add(t.arn());
            if (!actual.topics().containsKey(t.arn())) {
                plan.add(Keys.topic(t.name()), new Action.CreateTopic(t));
            }
        }
        Set<String> wantedQueues = new HashSet<>();
        Set<String> wantedEndpoints = new HashSet<>();
        for (QueueTarget q : desired.queues()) {
            wantedQueues.add(q.queueName());
            wantedQueues.add(q.dlqName());
            wantedEndpoints.add(q.topicArn() + " " + q.queueArn());
            queue(q, actual, plan);
            subscription(q, actual, plan);
            mapping(q, desired.stage(), actual, plan);
        }
        for (ActualApp.Topic t : actual.topics().values()) {
            boolean deleting = !wantedTopics.contains(t.arn()) && t.owned();
            if (deleting) {
                plan.add(Keys.deleteTopic(t.arn()), new Action.DeleteTopic(t.arn()));
                continue;
            }
            if (!wantedTopics.contains(t.arn())) continue;
            for (Map.Entry<String, String> s : t.subscriptions().entrySet()) {
                if (!wantedEndpoints.contains(t.arn() + " " + s.getValue())) {
                    plan.add(Keys.unsubscribe(s.getKey()), new Action.Unsubscribe(s.getKey()));
                }
            }
        }
        Set<String> wantedMappings = new HashSet<>();
        desired.queues().forEach(q -> wantedMappings.add(q.lambdaName() + ":" + desired.stage() + " " + q.queueArn()));
        for (ActualApp.Function f : actual.functions().values()) {
            for (ActualApp.Mapping m : f.mappings()) {
                if (!wantedMappings.contains(f.name() + ":" + m.qualifier() + " " + m.eventSourceArn())) {
                    plan.add(Keys.deleteMapping(m.uuid()), new Action.DeleteMapping(m.uuid(), f.name(), m.eventSourceArn()));
                }
            }
        }
        for (ActualApp.Queue q : actual.queues().values()) {
            if (!wantedQueues.contains(q.name()) && q.owned()) {
                plan.add(Keys.deleteQueue(q.name()), new Action.DeleteQueue(q.name(), q.url()), "delete-mapping:*", "unsubscribe:*");
            }
        }
    }

    private static void queue(QueueTarget q, ActualApp actual, Plan.Builder plan) {
        ActualApp.Queue queue = actual.queues().get(q.queueName());
        ActualApp.Queue dlq = actual.queues().get(q.dlqName());
        String key = Keys.queue(q.function(), q.topic());
        if (queue == null || dlq == null) {
            plan.add(key, new Action.CreateQueues(q));
        } else if (!sameAttributes(q, queue.attributes())) {
            plan.add(key, new Action.UpdateQueue(queue.url(), q));
        }
    }

    static boolean sameAttributes(QueueTarget q, Map<String, String> attributes) {
        if (!String.valueOf(q.visibilityTimeout()).equals(attributes.get("VisibilityTimeout"))) return false;
        if (!Policies.samePolicy(q.policy(), attributes.get("Policy"))) return false;
        String redrive = attributes.get("RedrivePolicy");
        if (redrive == null) return false;
        JsonNode r = Policies.parse(redrive);
        return q.dlqArn().equals(r.path("deadLetterTargetArn").asText())
                && q.maxReceiveCount() == r.path("maxReceiveCount").asInt(-1);
    }

    private static void subscription(QueueTarget q, ActualApp actual, Plan.Builder plan) {
        ActualApp.Topic topic = actual.topics().get(q.topicArn());
        boolean subscribed = topic != null && topic.subscriptions().containsValue(q.queueArn());
        if (!subscribed) {
            plan.add(Keys.subscription(q.function(), q.topic()), new Action.Subscribe(q),
                    Keys.topic(q.topic()), Keys.queue(q.function(), q.topic()));
        }
    }

    /** The stage's alias reads the stage's queue. */
    private static void mapping(QueueTarget q, String stage, ActualApp actual, Plan.Builder plan) {
        ActualApp.Function f = actual.functions().get(q.lambdaName());
        ActualApp.Mapping m = f == null ? null : f.mappings().stream()
                .filter(x -> q.queueArn().equals(x.eventSourceArn()) && stage.equals(x.qualifier())).findFirst().orElse(null);
        String key = Keys.mapping(q.function(), q.topic());
        if (m == null) {
            // the function's role must already allow reading the queue: Lambda checks when the mapping is created
            plan.add(key, new Action.CreateMapping(q), Keys.queue(q.function(), q.topic()), Keys.function(q.lambdaName()),
                    Keys.functionConfig(q.lambdaName()), Keys.alias(q.lambdaName()), "role:*");
        } else if (m.batchSize() != q.batchSize() || !m.functionResponseTypes().equals(List.of(REPORT_BATCH_ITEM_FAILURES))) {
            plan.add(key, new Action.UpdateMapping(m.uuid(), q));
        }
    }
}
