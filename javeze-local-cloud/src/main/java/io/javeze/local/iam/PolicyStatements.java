package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The pieces of IAM policy evaluation the local cloud's checks share (an SQS queue policy, a role's trust and
 * permission policies): statements, wildcard matching of actions and resources, service principals, and conditions.
 * Conditions understood: {@code ArnEquals}, {@code ArnLike}, {@code StringEquals}, {@code StringLike} on keys present
 * in the request's context; any other operator throws {@link UnsupportedOperationException}, which callers treat as
 * no match (fail closed).
 */
public final class PolicyStatements {
    private PolicyStatements() {}

    /** The document's statements; an unreadable document has none. */
    public static List<JsonNode> statements(String policy) {
        if (policy == null || policy.isBlank()) return List.of();
        try {
            return list(Json.MAPPER.readTree(policy).path("Statement"));
        } catch (Exception e) {
            return List.of();
        }
    }

    public static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }

    /** A principal naming the service (or everyone). */
    public static boolean principalIsService(JsonNode principal, String service) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode p : list(principal.path("Service"))) {
            if (p.asText().equals(service)) {
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
    public static boolean any(JsonNode patterns, String value) {
        for (JsonNode p : list(patterns)) {
            if (wildcard(p.asText(), value, true)) {
                return true;
            }
        }
        return false;
    }

    public static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    /** @param context condition keys in lower case → the request's values */
    public static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
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
