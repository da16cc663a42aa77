package io.javeze.deploy.model;

import java.util.Map;

/** @param name the topic's name in the app; @param snsName the SNS topic name; @param arn its (deterministic) ARN */
public record TopicTarget(String name, String snsName, String arn, Map<String, String> tags) {
    public TopicTarget {
        tags = Map.copyOf(tags);
    }
}
