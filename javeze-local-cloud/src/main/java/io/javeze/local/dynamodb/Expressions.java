package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The parsed forms of DynamoDB's condition and update expressions, and how they evaluate against an item. */
final class Expressions {
    private Expressions() {}

    // ---- operands

    sealed interface Operand permits PathOperand, ValueOperand, Size, IfNotExists, ListAppend, Arithmetic {
        /** The operand's value against an item, or null when it refers to a missing attribute. */
        JsonNode eval(JsonNode item);
    }

    record PathOperand(DocumentPath path) implements Operand {
        public JsonNode eval(JsonNode item) {
            return path.get(item);
        }
    }

    record ValueOperand(JsonNode value) implements Operand {
        public JsonNode eval(JsonNode item) {
            return value;
        }
    }

    record Size(DocumentPath path) implements Operand {
        public JsonNode eval(JsonNode item) {
            JsonNode v = path.get(item);
            if (v == null) {
                return null;
            }
            String t = AttributeValues.type(v);
            JsonNode inner = v.get(t);
            long n = switch (t) {
                case "S" -> inner.asText().getBytes(StandardCharsets.UTF_8).length;
                case "B" -> Base64.getDecoder().decode(inner.asText()).length;
                case "SS", "NS", "BS", "L", "M" -> inner.size();
                default -> -1;
            };
            return n < 0 ? null : AttributeValues.number(BigDecimal.valueOf(n));
        }
    }

    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        public JsonNode eval(JsonNode item) {
            JsonNode v = path.get(item);
            return v != null ? v : fallback.eval(item);
        }
    }

    record ListAppend(Operand first, Operand second) implements Operand {
        public JsonNode eval(JsonNode item) {
            JsonNode a = present(first.eval(item));
            JsonNode b = present(second.eval(item));
            if (!a.has("L") || !b.has("L")) {
                throw AwsException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function; "
                        + "operator or function: list_append, operand type: " + typeName(a.has("L") ? b : a));
            }
            ArrayNode out = Json.array();
            a.get("L").forEach(e -> out.add(e.deepCopy()));
            b.get("L").forEach(e -> out.add(e.deepCopy()));
            return AttributeValues.of("L", out);
        }
    }

    record Arithmetic(Operand left, char operator, Operand right) implements Operand {
        public JsonNode eval(JsonNode item) {
            JsonNode a = present(left.eval(item));
            JsonNode b = present(right.eval(item));
            if (!a.has("N") || !b.has("N")) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
            BigDecimal x = new BigDecimal(a.get("N").asText());
            BigDecimal y = new BigDecimal(b.get("N").asText());
            return AttributeValues.number(AttributeValues.parseNumber((operator == '+' ? x.add(y) : x.subtract(y)).toPlainString()));
        }
    }

    private static JsonNode present(JsonNode v) {
        if (v == null) {
            throw AwsException.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        return v;
    }

    private static String typeName(JsonNode v) {
        return switch (AttributeValues.type(v)) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "SS" -> "STRING SET";
            case "NS" -> "NUMBER SET";
            case "BS" -> "BINARY SET";
            case "M" -> "MAP";
            case "L" -> "LIST";
            case "BOOL" -> "BOOLEAN";
            default -> "NULL";
        };
    }

    // ---- conditions

    sealed interface Condition permits Compare, Between, In, And, Or, Not, Exists, AttributeType, BeginsWith, Contains {
        boolean test(JsonNode item);
    }

    record Compare(Operand left, String operator, Operand right) implements Condition {
        public boolean test(JsonNode item) {
            JsonNode a = left.eval(item);
            JsonNode b = right.eval(item);
            if (operator.equals("=")) {
                return AttributeValues.equal(a, b);
            }
            if (operator.equals("<>")) {
                return !AttributeValues.equal(a, b);
            }
            Integer c = AttributeValues.compare(a, b);
            if (c == null) {
                return false;
            }
            return switch (operator) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        public boolean test(JsonNode item) {
            JsonNode v = value.eval(item);
            Integer lo = AttributeValues.compare(v, low.eval(item));
            Integer hi = AttributeValues.compare(v, high.eval(item));
            return lo != null && hi != null && lo >= 0 && hi <= 0;
        }
    }

    record In(Operand value, List<Operand> options) implements Condition {
        public boolean test(JsonNode item) {
            JsonNode v = value.eval(item);
            return options.stream().anyMatch(o -> AttributeValues.equal(v, o.eval(item)));
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(JsonNode item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(JsonNode item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(JsonNode item) {
            return !inner.test(item);
        }
    }

    /** attribute_exists / attribute_not_exists. */
    record Exists(DocumentPath path, boolean exists) implements Condition {
        public boolean test(JsonNode item) {
            return (path.get(item) != null) == exists;
        }
    }

    record AttributeType(DocumentPath path, Operand type) implements Condition {
        static final Set<String> NAMES = new LinkedHashSet<>(List.of("B", "NULL", "SS", "BOOL", "L", "BS", "N", "NS", "S", "M"));

        public boolean test(JsonNode item) {
            JsonNode v = path.get(item);
            JsonNode t = type.eval(item);
            String name = t != null && t.has("S") ? t.get("S").asText() : String.valueOf(t);
            if (!NAMES.contains(name)) {
                throw AwsException.validation("Invalid ConditionExpression: Invalid attribute type name found; type: " + name
                        + ", valid types: {" + String.join(",", NAMES) + "}");
            }
            return v != null && AttributeValues.type(v).equals(name);
        }
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
        public boolean test(JsonNode item) {
            JsonNode v = value.eval(item);
            JsonNode p = prefix.eval(item);
            if (v == null || p == null) {
                return false;
            }
            if (v.has("S") && p.has("S")) {
                return v.get("S").asText().startsWith(p.get("S").asText());
            }
            if (v.has("B") && p.has("B")) {
                byte[] a = Base64.getDecoder().decode(v.get("B").asText());
                byte[] b = Base64.getDecoder().decode(p.get("B").asText());
                return a.length >= b.length && Arrays.equals(a, 0, b.length, b, 0, b.length);
            }
            return false;
        }
    }

    record Contains(Operand value, Operand operand) implements Condition {
        public boolean test(JsonNode item) {
            JsonNode v = value.eval(item);
            JsonNode o = operand.eval(item);
            if (v == null || o == null) {
                return false;
            }
            String t = AttributeValues.type(v);
            String ot = AttributeValues.type(o);
            return switch (t) {
                case "S" -> ot.equals("S") && v.get("S").asText().contains(o.get("S").asText());
                case "SS", "NS", "BS" -> ot.equals(t.substring(0, 1)) && setContains(v, o);
                case "L" -> {
                    for (JsonNode e : v.get("L")) {
                        if (AttributeValues.equal(e, o)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                default -> false;
            };
        }

        private static boolean setContains(JsonNode set, JsonNode element) {
            String t = AttributeValues.type(element);
            for (JsonNode e : set.get(AttributeValues.type(set))) {
                if (AttributeValues.equal(AttributeValues.of(t, e), element)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- updates

    record SetAction(DocumentPath path, Operand value) {}

    /** ADD or DELETE of a value. */
    record ValueAction(DocumentPath path, JsonNode value) {}

    record Update(List<SetAction> sets, List<DocumentPath> removes, List<ValueAction> adds, List<ValueAction> deletes) {

        /** Every path the update writes, in order. */
        List<DocumentPath> paths() {
            List<DocumentPath> all = new java.util.ArrayList<>();
            sets.forEach(s -> all.add(s.path()));
            all.addAll(removes);
            adds.forEach(a -> all.add(a.path()));
            deletes.forEach(d -> all.add(d.path()));
            return all;
        }

        /** Applies the update to a copy of {@code item}; every SET value is computed from the item as it was. */
        ObjectNode apply(ObjectNode item) {
            ObjectNode out = item.deepCopy();
            List<JsonNode> values = sets.stream().map(s -> s.value().eval(item)).toList();
            for (int i = 0; i < sets.size(); i++) {
                JsonNode v = values.get(i);
                if (v == null) {
                    throw AwsException.validation("The provided expression refers to an attribute that does not exist in the item");
                }
                sets.get(i).path().set(out, v.deepCopy());
            }
            removes.forEach(p -> p.remove(out));
            for (ValueAction add : adds) {
                add(out, add);
            }
            for (ValueAction delete : deletes) {
                delete(out, delete);
            }
            return out;
        }

        private static void add(ObjectNode item, ValueAction add) {
            JsonNode current = add.path().get(item);
            String t = AttributeValues.type(add.value());
            if (!Set.of("N", "SS", "NS", "BS").contains(t)) {
                throw AwsException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
                        + "operand type: " + typeName(add.value()));
            }
            if (current == null) {
                add.path().set(item, add.value().deepCopy());
                return;
            }
            if (!AttributeValues.type(current).equals(t)) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
            if (t.equals("N")) {
                BigDecimal sum = new BigDecimal(current.get("N").asText()).add(new BigDecimal(add.value().get("N").asText()));
                add.path().set(item, AttributeValues.number(AttributeValues.parseNumber(sum.toPlainString())));
                return;
            }
            ArrayNode union = current.get(t).deepCopy();
            for (JsonNode e : add.value().get(t)) {
                if (!Contains.setContains(AttributeValues.of(t, union), AttributeValues.of(t.substring(0, 1), e))) {
                    union.add(e);
                }
            }
            add.path().set(item, AttributeValues.of(t, union));
        }

        private static void delete(ObjectNode item, ValueAction delete) {
            String t = AttributeValues.type(delete.value());
            if (!Set.of("SS", "NS", "BS").contains(t)) {
                throw AwsException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, "
                        + "operand type: " + typeName(delete.value()));
            }
            JsonNode current = delete.path().get(item);
            if (current == null) {
                return;
            }
            if (!AttributeValues.type(current).equals(t)) {
                throw AwsException.validation("An operand in the update expression has an incorrect data type");
            }
            ArrayNode left = Json.array();
            for (JsonNode e : current.get(t)) {
                if (!Contains.setContains(delete.value(), AttributeValues.of(t.substring(0, 1), e))) {
                    left.add(e);
                }
            }
            if (left.isEmpty()) {
                delete.path().remove(item);
            } else {
                delete.path().set(item, AttributeValues.of(t, left));
            }
        }
    }

    /** The attributes of {@code item} named by a ProjectionExpression, or the whole item when there is none. */
    static ObjectNode project(JsonNode item, List<DocumentPath> projection) {
        if (projection == null) {
            return (ObjectNode) item;
        }
        ObjectNode out = Json.object();
        projection.forEach(p -> p.project(item, out));
        return out;
    }
}
