package io.javeze.config.manifest;

import java.util.List;

/**
 * A pub/sub topic (an SNS topic once deployed) with the functions that subscribe to and publish to it.
 * Each subscriber gets its own SQS queue with a dead-letter queue.
 */
public record TopicSpec(String name, List<SubscriberSpec> subscribers, List<String> publishers) {

    public TopicSpec {
        subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
        publishers = publishers == null ? List.of() : List.copyOf(publishers);
    }

    /**
     * @param function        the subscriber function's name
     * @param messageType     the Java type each message body is decoded into
     * @param batchSize       the SQS event source mapping's batch size
     * @param maxReceiveCount deliveries before a message moves to the dead-letter queue
     */
    public record SubscriberSpec(String function, String messageType, int batchSize, int maxReceiveCount) {}
}
