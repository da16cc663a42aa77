package io.javeze.deploy.model;

import java.util.Map;

/**
 * A subscriber's own SQS queue, its dead-letter queue, its SNS subscription and its event source mapping.
 *
 * @param function          the subscriber function's app name
 * @param topic             the topic's app name
 * @param visibilityTimeout seconds; Lambda requires at least the function's timeout, AWS recommends 6x
 * @param policy            the queue policy (JSON) letting only the topic send
 */
public record QueueTarget(
        String function,
        String lambdaName,
        String topic,
        String topicArn,
        String queueName,
        String queueArn,
        String dlqName,
        String dlqArn,
        int maxReceiveCount,
        int batchSize,
        int visibilityTimeout,
        String policy,
        Map<String, String> tags) {

    public QueueTarget {
        tags = Map.copyOf(tags);
    }

    public String redrivePolicy() {
        return "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + maxReceiveCount + "}";
    }
}
