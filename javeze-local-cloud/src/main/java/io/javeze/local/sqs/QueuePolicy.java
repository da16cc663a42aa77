package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(policy);
        } catch (Exception e) {
            return false;
        }
        Map<String, String> context = Map.of("aws:sourcearn", topicArn, "aws:sourceaccount", account);
        boolean allowed = false;
        for (JsonNode s : list(doc.path("Statement"))) {
            if (principalIsSns(s.path("Principal")) && any(s.path("Action"), "sqs:SendMessage")
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

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }

    private static boolean principalIsSns(JsonNode principal) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode p : list(principal.path("Service"))) {
            if (p.asText().equals("sns.amazonaws.com")) {
                return true;
            }
        }
        for (JsonNode p : list(principal.path("AWS"))) {
            if (p.asText().equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** An Action or Resource (a string or a list, with * and ? wildcards) that matches value; actions ignore case. */
    private static boolean any(JsonNode patterns, String value) {
        for (JsonNode p : list(patterns)) {
            if (wildcard(p.asText(), value, true)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        if (condition.isMissingNode() || condition.isNull()) {
            return true;
        }
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            boolean like = switch (op.getKey()) {
                case "ArnEquals", "StringEquals" -> false;
                case "ArnLike", "StringLike" -> true;
                default -> throw new UnsupportedOperationException();
            };
            for (var key : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                String actual = context.get(key.getKey().toLowerCase());
                boolean matched = false;
                for (JsonNode expected : list(key.getValue())) {
                    matched |= actual != null && (like ? wildcard(expected.asText(), actual, false) : expected.asText().equals(actual));
                }
                if (!matched) {
                    return false;
                }
            }
        }
        return true;
    }
}
