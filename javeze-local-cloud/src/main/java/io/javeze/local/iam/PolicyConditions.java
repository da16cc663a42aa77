package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * A statement's {@code Condition} block, as IAM evaluates it: every operator and every key in it must hold.
 * Operators: String(Not)Equals(IgnoreCase), String(Not)Like, Arn(Not)Equals, Arn(Not)Like, Numeric*, Date*, Bool and
 * Null, each with the {@code ForAnyValue:}/{@code ForAllValues:} set qualifiers and the {@code IfExists} suffix.
 * A key absent from the request fails a positive operator, satisfies a negated one, {@code IfExists} and
 * {@code ForAllValues}.
 */
final class PolicyConditions {
    /** An operator the local cloud does not evaluate. */
    static final class UnsupportedCondition extends RuntimeException {
        UnsupportedCondition(String operator) {
            super(operator, null, false, false);
        }
    }

    private PolicyConditions() {}

    static boolean hold(JsonNode condition, Map<String, List<String>> context) {
        if (condition.isMissingNode() || condition.isNull()) {
            return true;
        }
        for (var op : (Iterable<Map.Entry<String, JsonNode>>) condition::fields) {
            for (var key : (Iterable<Map.Entry<String, JsonNode>>) op.getValue()::fields) {
                List<String> expected = PolicyEvaluator.list(key.getValue()).stream().map(JsonNode::asText).toList();
                if (!holds(op.getKey(), context.get(PolicyEvaluator.key(key.getKey())), expected)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(String operator, List<String> actual, List<String> expected) {
        String op = operator;
        String set = null;
        int colon = op.indexOf(':');
        if (colon > 0) {
            set = op.substring(0, colon);
            op = op.substring(colon + 1);
            if (!set.equals("ForAnyValue") && !set.equals("ForAllValues")) {
                throw new UnsupportedCondition(operator);
            }
        }
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        if (op.equals("Null")) {
            boolean wantAbsent = expected.stream().anyMatch(e -> e.equalsIgnoreCase("true"));
            return (actual == null || actual.isEmpty()) == wantAbsent;
        }
        boolean negated = op.contains("Not");
        String positive = op.replace("Not", "");
        if (actual == null || actual.isEmpty()) {
            return ifExists || negated || "ForAllValues".equals(set);
        }
        if ("ForAllValues".equals(set)) {
            return actual.stream().allMatch(a -> negated != matchesAny(positive, operator, a, expected));
        }
        if ("ForAnyValue".equals(set)) {
            return actual.stream().anyMatch(a -> negated != matchesAny(positive, operator, a, expected));
        }
        // a single-valued operator: a negated one holds when no value matches, a positive one when any does
        boolean any = actual.stream().anyMatch(a -> matchesAny(positive, operator, a, expected));
        return negated != any;
    }

    private static boolean matchesAny(String op, String operator, String actual, List<String> expected) {
        for (String e : expected) {
            if (matches(op, operator, actual, e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String op, String operator, String actual, String expected) {
        return switch (op) {
            case "StringEquals" -> actual.equals(expected);
            case "StringEqualsIgnoreCase" -> actual.equalsIgnoreCase(expected);
            case "StringLike" -> Wildcards.matches(expected, actual, false);
            case "ArnEquals", "ArnLike" -> Wildcards.arnMatches(expected, actual);
            case "Bool" -> actual.equalsIgnoreCase(expected);
            case "NumericEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals" ->
                    compares(op.substring("Numeric".length()), number(actual), number(expected));
            case "DateEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals" ->
                    compares(op.substring("Date".length()), date(actual), date(expected));
            default -> throw new UnsupportedCondition(operator);
        };
    }

    private static <T extends Comparable<T>> boolean compares(String relation, T actual, T expected) {
        if (actual == null || expected == null) {
            return false;
        }
        int c = actual.compareTo(expected);
        return switch (relation) {
            case "Equals" -> c == 0;
            case "LessThan" -> c < 0;
            case "LessThanEquals" -> c <= 0;
            case "GreaterThan" -> c > 0;
            default -> c >= 0;
        };
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO 8601 date-times or epoch seconds, as IAM accepts them. */
    private static Instant date(String s) {
        try {
            return s.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(s)) : Instant.parse(s);
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
