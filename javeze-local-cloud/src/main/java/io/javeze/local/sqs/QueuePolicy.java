package io.javeze.local.sqs;

import static io.javeze.local.iam.PolicyStatements.any;
import static io.javeze.local.iam.PolicyStatements.conditionsHold;
import static io.javeze.local.iam.PolicyStatements.principalIsService;
import static io.javeze.local.iam.PolicyStatements.statements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Whether a queue's access policy lets SNS send a topic's messages to it, as AWS decides for an SNS → SQS
 * subscription: without a statement allowing {@code sqs:SendMessage} to {@code sns.amazonaws.com} (or everyone), for
 * this queue, under conditions this topic meets, the message is not delivered; a matching Deny wins.
 * Conditions understood: {@code ArnEquals}, {@code ArnLike}, {@code StringEquals}, {@code StringLike} on
 * {@code aws:SourceArn} and {@code aws:SourceAccount}; any other condition does not match (fail closed).
 */
final class QueuePolicy {
    private QueuePolicy() {}

    static boolean allowsTopic(String policy, String queueArn, String topicArn, String account) {
        try {
            return evaluate(policy, queueArn, topicArn, account);
        } catch (UnsupportedOperationException unknownCondition) {
            return false;
        }
    }

    private static boolean evaluate(String policy, String queueArn, String topicArn, String account) {
        if (policy == null || policy.isBlank()) {
            return false;
        }
        Map<String, String> context = Map.of("aws:sourcearn", topicArn, "aws:sourceaccount", account);
        boolean allowed = false;
        for (JsonNode s : statements(policy)) {
            if (principalIsService(s.path("Principal"), "sns.amazonaws.com") && any(s.path("Action"), "sqs:SendMessage")
                    && (s.path("Resource").isMissingNode() || any(s.path("Resource"), queueArn))
                    && conditionsHold(s.path("Condition"), context)) {
                if ("Deny".equals(s.path("Effect").asText())) {
                    return false;
                }
                allowed |= "Allow".equals(s.path("Effect").asText());
            }
        }
        return allowed;
    }
}
