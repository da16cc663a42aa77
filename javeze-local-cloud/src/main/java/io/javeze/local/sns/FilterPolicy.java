package io.javeze.local.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A subscription's {@code FilterPolicy}, as SNS applies it: every key of the policy must match (AND), a key matches when
 * any of its conditions does (OR), {@code $or} takes alternatives. Conditions: exact strings and numbers,
 * {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but} (values or a prefix),
 * {@code numeric} ranges and {@code exists}. The scope ({@code FilterPolicyScope}) is the message attributes (String,
 * Number and String.Array ones; Binary ones never match) or the JSON body, whose nested objects the policy nests into.
 */
final class FilterPolicy {
    private FilterPolicy() {}

    /** The policy document; InvalidParameter when it is not a JSON object. */
    static ObjectNode parse(String policy) {
        try {
            JsonNode doc = Json.MAPPER.readTree(policy);
            if (doc instanceof ObjectNode o) {
                return o;
            }
        } catch (Exception e) {
            // reported below
        }
        throw new AwsException(400, "InvalidParameter", "Invalid parameter: FilterPolicy: failed to parse JSON.");
    }

    static void validateScope(String scope) {
        if (!"MessageAttributes".equals(scope) && !"MessageBody".equals(scope)) {
            throw new AwsException(400, "InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value ["
                    + scope + "]. Please use either MessageBody or MessageAttributes");
        }
    }

    /** Whether a message passes the subscription's filter ({@code policy} null: every message does). */
    static boolean accepts(Map<String, String> subscriptionAttributes, String body, ObjectNode messageAttributes) {
        String policy = subscriptionAttributes.get("FilterPolicy");
        if (policy == null || policy.isBlank()) {
            return true;
        }
        if ("MessageBody".equals(subscriptionAttributes.get("FilterPolicyScope"))) {
            try {
                JsonNode doc = Json.MAPPER.readTree(body);
                return doc instanceof ObjectNode o && matches(parse(policy), o);
            } catch (Exception notJson) {
                return false;
            }
        }
        return matches(parse(policy), attributeValues(messageAttributes));
    }

    /** Message attributes as the values a policy compares: strings, numbers, arrays of them; Binary ones left out. */
    private static ObjectNode attributeValues(ObjectNode attributes) {
        ObjectNode out = Json.object();
        attributes.fields().forEachRemaining(e -> {
            String type = e.getValue().path("DataType").asText();
            String value = e.getValue().path("StringValue").asText(null);
            if (value == null || type.startsWith("Binary")) {
                return;
            }
            if (type.startsWith("Number")) {
                try {
                    out.put(e.getKey(), new BigDecimal(value.trim()));
                } catch (NumberFormatException ignored) {
                    out.put(e.getKey(), value);
                }
            } else if (type.equals("String.Array")) {
                try {
                    out.set(e.getKey(), Json.MAPPER.readTree(value));
                } catch (Exception ignored) {
                    out.put(e.getKey(), value);
                }
            } else {
                out.put(e.getKey(), value);
            }
        });
        return out;
    }

    private static boolean matches(ObjectNode policy, ObjectNode values) {
        for (var it = policy.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("$or")) {
                boolean any = false;
                for (JsonNode alternative : e.getValue()) {
                    any |= alternative instanceof ObjectNode o && matches(o, values);
                }
                if (!any) {
                    return false;
                }
            } else if (e.getValue() instanceof ObjectNode nested) {
                if (!(values.get(e.getKey()) instanceof ObjectNode inner) || !matches(nested, inner)) {
                    return false;
                }
            } else if (!keyMatches(e.getValue(), values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any condition matches the value (absent: null; an array matches when any element does). */
    private static boolean keyMatches(JsonNode conditions, JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>();
        if (value instanceof ArrayNode a) {
            a.forEach(candidates::add);
        } else if (value != null) {
            candidates.add(value);
        }
        for (JsonNode condition : conditions.isArray() ? conditions : Json.array().add(conditions)) {
            if (condition.has("exists")) {
                if (condition.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            for (JsonNode v : candidates) {
                if (conditionMatches(condition, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean conditionMatches(JsonNode condition, JsonNode value) {
        if (condition.isNull()) {
            return value.isNull();
        }
        if (condition.isTextual()) {
            return value.isTextual() && value.asText().equals(condition.asText());
        }
        if (condition.isNumber()) {
            return value.isNumber() && value.decimalValue().compareTo(condition.decimalValue()) == 0;
        }
        if (condition.isBoolean()) {
            return value.isBoolean() && value.asBoolean() == condition.asBoolean();
        }
        if (condition.has("prefix")) {
            return value.isTextual() && value.asText().startsWith(condition.get("prefix").asText());
        }
        if (condition.has("suffix")) {
            return value.isTextual() && value.asText().endsWith(condition.get("suffix").asText());
        }
        if (condition.has("equals-ignore-case")) {
            return value.isTextual() && value.asText().toLowerCase(Locale.ROOT)
                    .equals(condition.get("equals-ignore-case").asText().toLowerCase(Locale.ROOT));
        }
        if (condition.has("anything-but")) {
            JsonNode but = condition.get("anything-but");
            if (but.has("prefix")) {
                return value.isTextual() && !value.asText().startsWith(but.get("prefix").asText());
            }
            for (JsonNode excluded : but.isArray() ? but : Json.array().add(but)) {
                if (conditionMatches(excluded, value)) {
                    return false;
                }
            }
            return true;
        }
        if (condition.has("numeric")) {
            return value.isNumber() && numeric(condition.get("numeric"), value.decimalValue());
        }
        return false;
    }

    private static boolean numeric(JsonNode ops, BigDecimal value) {
        for (int i = 0; i + 1 < ops.size(); i += 2) {
            int c = value.compareTo(ops.get(i + 1).decimalValue());
            boolean ok = switch (ops.get(i).asText()) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
