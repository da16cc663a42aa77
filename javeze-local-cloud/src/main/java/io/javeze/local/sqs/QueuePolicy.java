package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.iam.PolicyEvaluator;
import io.javeze.local.iam.PolicyEvaluator.Decision;
import java.util.List;
import java.util.Map;

/**
 * Whether a queue's access policy lets SNS send a topic's messages to it, as AWS decides for an SNS → SQS
 * subscription: without a statement allowing {@code sqs:SendMessage} to {@code sns.amazonaws.com} (or everyone), for
 * this queue, under conditions this topic meets ({@code aws:SourceArn}, {@code aws:SourceAccount}), the message is not
 * delivered; a matching Deny wins. The evaluation is IAM's ({@link PolicyEvaluator}).
 */
final class QueuePolicy {
    private QueuePolicy() {}

    static boolean allowsTopic(String policy, String queueArn, String topicArn, String account) {
        JsonNode doc = PolicyEvaluator.parse(policy);
        PolicyEvaluator.Request request = new PolicyEvaluator.Request("sqs:SendMessage", queueArn,
                Map.of("aws:sourcearn", List.of(topicArn), "aws:sourceaccount", List.of(account)));
        return PolicyEvaluator.resource(doc, PolicyEvaluator.Principal.service("sns.amazonaws.com"), request) == Decision.ALLOW;
    }
}
