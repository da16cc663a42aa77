package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import io.javeze.config.Naming;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.model.TopicTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The service's topics (with their subscriptions) and queues. */
final class PubSubReader {
    private PubSubReader() {}

    static Map<String, ActualApp.Topic> topics(SnsClient sns, AwsCalls calls, ExecutorService pool, DesiredApp desired) {
        String prefix = Naming.lambdaFunctionName(desired.service(), "");
        Set<String> wanted = desired.topics().stream().map(TopicTarget::arn).collect(Collectors.toSet());
        List<String> arns = calls.call(() -> sns.listTopicsPaginator().topics().stream().map(Topic::topicArn)
                .filter(arn -> arn.substring(arn.lastIndexOf(':') + 1).startsWith(prefix)).toList());
        List<ActualApp.Topic> found = Parallel.map(pool, arns, arn -> {
            boolean owned = true;
            if (!wanted.contains(arn)) {
                Map<String, String> tags = new HashMap<>();
                calls.call(() -> sns.listTagsForResource(b -> b.resourceArn(arn)).tags())
                        .forEach(t -> tags.put(t.key(), t.value()));
                owned = OwnershipTags.ownedBy(tags, desired.service(), desired.stage());
                if (!owned) return null;
            }
            Map<String, String> subscriptions = new HashMap<>();
            calls.call(() -> sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)).subscriptions().stream().toList())
                    .stream().filter(s -> s.subscriptionArn() != null && s.subscriptionArn().startsWith("arn:"))
                    .forEach((Subscription s) -> subscriptions.put(s.subscriptionArn(), s.endpoint()));
            return new ActualApp.Topic(arn.substring(arn.lastIndexOf(':') + 1), arn, owned, subscriptions);
        });
        Map<String, ActualApp.Topic> out = new HashMap<>();
        found.stream().filter(t -> t != null).forEach(t -> out.put(t.arn(), t));
        return out;
    }

    static Map<String, ActualApp.Queue> queues(SqsClient sqs, AwsCalls calls, ExecutorService pool, DesiredApp desired) {
        Map<String, QueueTarget> wantedMain = new HashMap<>();
        Set<String> wantedDlq = new HashSet<>();
        for (QueueTarget q : desired.queues()) {
            wantedMain.put(q.queueName(), q);
            wantedDlq.add(q.dlqName());
        }
        Set<String> names = new HashSet<>(wantedMain.keySet());
        names.addAll(wantedDlq);
        // ListQueues is eventually consistent: wanted queues are looked up by name, the list only finds leftovers
        String prefix = Naming.lambdaFunctionName(desired.service(), "");
        calls.call(() -> sqs.listQueuesPaginator(b -> b.queueNamePrefix(prefix).maxResults(1000)).queueUrls().stream().toList())
                .forEach(url -> names.add(url.substring(url.lastIndexOf('/') + 1)));
        List<ActualApp.Queue> found = Parallel.map(pool, new ArrayList<>(names), name -> {
            String url;
            try {
                url = calls.call(() -> sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
            } catch (RuntimeException e) {
                if (!AwsErrors.isNotFound(e)) throw e;
                return null;
            }
            boolean wanted = wantedMain.containsKey(name) || wantedDlq.contains(name);
            if (!wanted) {
                Map<String, String> tags = calls.call(() -> sqs.listQueueTags(b -> b.queueUrl(url)).tags());
                if (!OwnershipTags.ownedBy(tags, desired.service(), desired.stage())) return null;
                return new ActualApp.Queue(name, url, null, Map.of(), true);
            }
            Map<String, String> attributes = Map.of();
            if (wantedMain.containsKey(name)) {
                try {
                    attributes = calls.call(() -> sqs.getQueueAttributes(b -> b.queueUrl(url)
                            .attributeNames(QueueAttributeName.ALL)).attributesAsStrings());
                } catch (RuntimeException e) {
                    if (!AwsErrors.isNotFound(e)) throw e;
                    return null;
                }
            }
            return new ActualApp.Queue(name, url, attributes.get("QueueArn"), attributes, true);
        });
        Map<String, ActualApp.Queue> out = new HashMap<>();
        found.stream().filter(q -> q != null).forEach(q -> out.put(q.name(), q));
        return out;
    }
}
