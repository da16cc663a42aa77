package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB AttributeValues in their wire form ({@code {"S":"x"}}, {@code {"N":"1"}}, {@code {"M":{...}}} ...):
 * validation, number normalisation, ordering, equality and size, as DynamoDB defines them.
 */
final class AttributeValues {
    static final Set<String> TYPES = Set.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL");
    /** DynamoDB's item size limit. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private AttributeValues() {}

    static ObjectNode of(String type, JsonNode value) {
        ObjectNode o = Json.object();
        o.set(type, value);
        return o;
    }

    static ObjectNode number(BigDecimal n) {
        return Json.object().put("N", n.stripTrailingZeros().toPlainString());
    }

    /** The one data type an AttributeValue carries. Call only on validated values. */
    static String type(JsonNode av) {
        return av.fieldNames().next();
    }

    /** An item (attribute name → value), validated with its numbers normalised as DynamoDB stores them. */
    static ObjectNode item(JsonNode item, String where) {
        if (item == null || item.isNull()) {
            return Json.object();
        }
        if (!item.isObject()) {
            throw AwsException.validation("1 validation error detected: Value at '" + where + "' failed to satisfy constraint: Member must be a map");
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            var e = it.next();
            out.set(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    /** One value, validated and normalised. */
    static JsonNode value(JsonNode av) {
        if (av == null || !av.isObject() || av.isEmpty()) {
            throw AwsException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        int set = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = av.fields(); it.hasNext(); ) {
            if (!it.next().getValue().isNull()) {
                set++;
            }
        }
        if (set != 1) {
            throw AwsException.validation(set == 0
                    ? "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
                    : "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        String type = null;
        JsonNode v = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = av.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNull()) {
                type = e.getKey();
                v = e.getValue();
            }
        }
        return switch (type) {
            case "S" -> of("S", textual(v));
            case "N" -> number(parseNumber(textual(v).asText()));
            case "B" -> of("B", binary(textual(v)));
            case "BOOL", "NULL" -> {
                if (!v.isBoolean()) {
                    throw AwsException.validation("Supplied AttributeValue has an invalid " + type + " value");
                }
                if (type.equals("NULL") && !v.asBoolean()) {
                    throw AwsException.validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                yield of(type, v);
            }
            case "SS", "NS", "BS" -> set(type, v);
            case "L" -> {
                if (!v.isArray()) {
                    throw AwsException.validation("Supplied AttributeValue has an invalid L value");
                }
                ArrayNode list = Json.array();
                v.forEach(e -> list.add(value(e)));
                yield of("L", list);
            }
            case "M" -> of("M", item(v, "M"));
            default -> throw AwsException.validation("Supplied AttributeValue has an unknown datatype: " + type);
        };
    }

    private static JsonNode textual(JsonNode v) {
        if (!v.isTextual()) {
            throw new AwsException(400, "SerializationException", "Start of structure or map found where not expected");
        }
        return v;
    }

    private static JsonNode binary(JsonNode v) {
        try {
            Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "SerializationException", "Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + v.asText().length());
        }
        return v;
    }

    private static ObjectNode set(String type, JsonNode v) {
        if (!v.isArray()) {
            throw AwsException.validation("Supplied AttributeValue has an invalid " + type + " value");
        }
        String noun = switch (type) {
            case "SS" -> "string";
            case "NS" -> "number";
            default -> "binary";
        };
        if (v.isEmpty()) {
            throw AwsException.validation("One or more parameter values were invalid: An " + noun + " set  may not be empty");
        }
        ArrayNode out = Json.array();
        Set<Object> seen = new HashSet<>();
        List<String> raw = new ArrayList<>();
        for (JsonNode e : v) {
            String text = textual(e).asText();
            raw.add(text);
            Object identity = switch (type) {
                case "NS" -> parseNumber(text).stripTrailingZeros();
                case "BS" -> Arrays.hashCode(Base64.getDecoder().decode(binary(e).asText())) + ":" + text.length();
                default -> text;
            };
            if (!seen.add(identity)) {
                throw AwsException.validation("One or more parameter values were invalid: Input collection " + raw + " contains duplicates.");
            }
            out.add(type.equals("NS") ? parseNumber(text).stripTrailingZeros().toPlainString() : text);
        }
        return of(type, out);
    }

    static BigDecimal parseNumber(String text) {
        BigDecimal n;
        try {
            n = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw AwsException.validation("A value provided cannot be converted into a number");
        }
        if (n.signum() != 0) {
            BigDecimal abs = n.abs();
            if (abs.compareTo(new BigDecimal("1E+126")) >= 0) {
                throw AwsException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
            }
            if (abs.compareTo(new BigDecimal("1E-130")) < 0) {
                throw AwsException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
            }
            if (n.stripTrailingZeros().precision() > 38) {
                throw AwsException.validation("Attempting to store more than 38 significant digits in a Number");
            }
        }
        return n;
    }

    /**
     * DynamoDB's ordering of two scalars of one type (S by UTF-8 bytes, N numerically, B by unsigned bytes), or null
     * when the two are not comparable.
     */
    static Integer compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        String t = type(a);
        if (!t.equals(type(b))) {
            return null;
        }
        return switch (t) {
            case "S" -> Arrays.compareUnsigned(a.get("S").asText().getBytes(StandardCharsets.UTF_8),
                    b.get("S").asText().getBytes(StandardCharsets.UTF_8));
            case "N" -> new BigDecimal(a.get("N").asText()).compareTo(new BigDecimal(b.get("N").asText()));
            case "B" -> Arrays.compareUnsigned(Base64.getDecoder().decode(a.get("B").asText()), Base64.getDecoder().decode(b.get("B").asText()));
            default -> null;
        };
    }

    /** Equality as conditions see it: numbers by value, sets regardless of order. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        String t = type(a);
        if (!t.equals(type(b))) {
            return false;
        }
        return switch (t) {
            case "S", "N", "B" -> compare(a, b) == 0;
            case "SS", "NS", "BS" -> setOf(a).equals(setOf(b));
            case "L" -> {
                JsonNode x = a.get("L");
                JsonNode y = b.get("L");
                if (x.size() != y.size()) {
                    yield false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!equal(x.get(i), y.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case "M" -> {
                JsonNode x = a.get("M");
                JsonNode y = b.get("M");
                if (x.size() != y.size()) {
                    yield false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!equal(e.getValue(), y.get(e.getKey()))) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> a.equals(b);
        };
    }

    /** A set's members as comparable Java values (numbers normalised). */
    static Set<String> setOf(JsonNode set) {
        Set<String> out = new java.util.LinkedHashSet<>();
        set.get(type(set)).forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The size DynamoDB counts for an item: attribute names plus values. */
    static int itemSize(JsonNode item) {
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            var e = it.next();
            size += utf8(e.getKey()) + size(e.getValue());
        }
        return size;
    }

    static int size(JsonNode av) {
        String t = type(av);
        JsonNode v = av.get(t);
        return switch (t) {
            case "S" -> utf8(v.asText());
            case "N" -> v.asText().replace("-", "").replace(".", "").length() / 2 + 2;
            case "B" -> Base64.getDecoder().decode(v.asText()).length;
            case "SS", "NS", "BS" -> {
                int s = 0;
                for (JsonNode e : v) {
                    s += size(of(t.substring(0, 1), e));
                }
                yield s;
            }
            case "L" -> {
                int s = 3;
                for (JsonNode e : v) {
                    s += size(e) + 1;
                }
                yield s;
            }
            case "M" -> {
                int s = 3;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    var e = it.next();
                    s += utf8(e.getKey()) + size(e.getValue()) + 1;
                }
                yield s;
            }
            default -> 1;
        };
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
