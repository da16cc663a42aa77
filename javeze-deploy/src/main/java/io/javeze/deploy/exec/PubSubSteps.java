package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder.Section;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;

final class PubSubSteps {
    /** Failed messages are kept 14 days (SQS's maximum) in the dead-letter queue for inspection. */
    private static final String DLQ_RETENTION_SECONDS = "1209600";

    private PubSubSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        SnsClient sns = ctx.clients.sns();
        SqsClient sqs = ctx.clients.sqs();
        if (action instanceof Action.CreateTopic a) {
            String arn = ctx.calls.call(() -> sns.createTopic(b -> b.name(a.topic().snsName()).tags(a.topic().tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))).topicArn();
            ctx.recorder.put(Section.TOPICS, a.topic().name(), arn);
            return true;
        }
        if (action instanceof Action.DeleteTopic a) {
            ctx.calls.delete(() -> sns.deleteTopic(b -> b.topicArn(a.arn())));
            ctx.recorder.forgetValue(Section.TOPICS, a.arn());
            return true;
        }
        if (action instanceof Action.CreateQueues a) {
            QueueTarget q = a.queue();
            String dlqUrl = createQueue(sqs, ctx, q.dlqName(), Map.of("MessageRetentionPeriod", DLQ_RETENTION_SECONDS), q.tags());
            String url = createQueue(sqs, ctx, q.queueName(), attributes(q), q.tags());
            ctx.recorder.queue(q.function() + ":" + q.topic(), new Deployed.QueueRecord(url, q.queueArn(), dlqUrl, q.dlqArn()));
            return true;
        }
        if (action instanceof Action.UpdateQueue a) {
            ctx.calls.run(() -> sqs.setQueueAttributes(b -> b.queueUrl(a.url()).attributesWithStrings(attributes(a.queue()))));
            return true;
        }
        if (action instanceof Action.DeleteQueue a) {
            ctx.calls.delete(() -> sqs.deleteQueue(b -> b.queueUrl(a.url())));
            ctx.recorder.forgetQueue(a.url());
            return true;
        }
        if (action instanceof Action.Subscribe a) {
            QueueTarget q = a.queue();
            // enveloped (not raw) delivery: the subscriber handler reads SNS notifications, and accepts raw bodies too
            String arn = ctx.calls.call(() -> sns.subscribe(b -> b.topicArn(q.topicArn()).protocol("sqs").endpoint(q.queueArn())
                    .returnSubscriptionArn(true))).subscriptionArn();
            ctx.recorder.put(Section.SUBSCRIPTIONS, q.function() + ":" + q.topic(), arn);
            return true;
        }
        if (action instanceof Action.Unsubscribe a) {
            ctx.calls.delete(() -> sns.unsubscribe(b -> b.subscriptionArn(a.subscriptionArn())));
            ctx.recorder.forgetValue(Section.SUBSCRIPTIONS, a.subscriptionArn());
            return true;
        }
        return false;
    }

    static Map<String, String> attributes(QueueTarget q) {
        return Map.of("VisibilityTimeout", String.valueOf(q.visibilityTimeout()), "Policy", q.policy(),
                "RedrivePolicy", q.redrivePolicy());
    }

    private static String createQueue(SqsClient sqs, DeployContext ctx, String name, Map<String, String> attributes,
                                      Map<String, String> tags) {
        try {
            return ctx.calls.call(() -> sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes).tags(tags))).queueUrl();
        } catch (RuntimeException e) {
            if (!AwsErrors.isAlreadyExists(e)) throw e;
            // exists with other attributes: adopt it and set ours
            String url = ctx.calls.call(() -> sqs.getQueueUrl(b -> b.queueName(name))).queueUrl();
            ctx.calls.run(() -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(attributes)));
            return url;
        }
    }
}
