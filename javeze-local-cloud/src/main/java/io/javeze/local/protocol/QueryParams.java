package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a query-protocol request's parameters into a shaped document, as the SDKs write them: a member under its
 * {@code locationName} (the member's, else its shape's), else its name; nested structures {@code A.B}; lists
 * {@code Name.member.N} (or the list member's {@code locationName} instead of {@code member}), flattened ones
 * {@code Name.N} (the list member's {@code locationName} replacing {@code Name} where it has one); maps
 * {@code Name.entry.N.key / .value}, flattened ones {@code Name.N.key / .value}, with the key's and value's
 * {@code locationName}s. Either list or map form is accepted whatever the model says, as AWS does.
 */
final class QueryParams {
    private final NavigableMap<String, String> params;
    private final String invalidCode;
    private final String missingCode;

    QueryParams(Map<String, String> params, String invalidCode, String missingCode) {
        this.params = new TreeMap<>(params);
        this.invalidCode = invalidCode;
        this.missingCode = missingCode;
    }

    ObjectNode structure(Shape shape) {
        return structure(shape, "");
    }

    private ObjectNode structure(Shape shape, String prefix) {
        ObjectNode out = Json.object();
        for (Shape.Member m : shape.members().values()) {
            for (String name : names(m)) {
                JsonNode v = value(m.shape(), m, prefix + name);
                if (v != null) {
                    out.set(m.name(), v);
                    break;
                }
            }
        }
        if (!prefix.isEmpty()) { // the top level's are checked by RequiredMembers, with the model's names
            for (JsonNode required : shape.requiredMembers()) {
                if (!out.hasNonNull(required.asText())) {
                    throw new AwsException(400, missingCode, "1 validation error detected: Value null at '"
                            + memberPath(prefix + required.asText()) + "' failed to satisfy constraint: Member must not be null");
                }
            }
        }
        return out;
    }

    /** The names a member may go by, most specific first. */
    private static Set<String> names(Shape.Member m) {
        Set<String> names = new LinkedHashSet<>();
        if (m.xmlName() != null) {
            names.add(m.xmlName());
        }
        if ("list".equals(m.shape().type()) && m.flattened() && m.shape().listMember().xmlName() != null) {
            names.add(m.shape().listMember().xmlName());
        }
        names.add(m.name());
        return names;
    }

    private JsonNode value(Shape shape, Shape.Member ref, String key) {
        return switch (shape.type()) {
            case "structure" -> hasPrefix(key + ".") ? structure(shape, key + ".") : null;
            case "list" -> list(shape, key);
            case "map" -> map(shape, key);
            default -> scalar(shape, ref, key);
        };
    }

    private JsonNode scalar(Shape shape, Shape.Member ref, String key) {
        String text = params.get(key);
        if (text == null) {
            return null;
        }
        try {
            return ShapeValues.fromText(shape, text, memberPath(key), ref.timestampFormat());
        } catch (AwsException e) {
            throw new AwsException(400, invalidCode, e.getMessage());
        }
    }

    private ArrayNode list(Shape shape, String key) {
        Shape.Member item = shape.listMember();
        Set<String> prefixes = new LinkedHashSet<>();
        if (item.xmlName() != null) {
            prefixes.add(key + "." + item.xmlName());
        }
        prefixes.add(key + ".member");
        prefixes.add(key);
        for (String prefix : prefixes) {
            TreeSet<Integer> indexes = indexes(prefix + ".");
            if (!indexes.isEmpty()) {
                ArrayNode out = Json.array();
                for (int i : indexes) {
                    JsonNode v = value(item.shape(), item, prefix + "." + i);
                    if (v != null) {
                        out.add(v);
                    }
                }
                return out;
            }
        }
        return "".equals(params.get(key)) ? Json.array() : null; // the SDKs send "Name=" for an empty list
    }

    private ObjectNode map(Shape shape, String key) {
        Shape.Member keyRef = shape.mapKey();
        Shape.Member valueRef = shape.mapValue();
        String keyName = keyRef.xmlName() == null ? "key" : keyRef.xmlName();
        String valueName = valueRef.xmlName() == null ? "value" : valueRef.xmlName();
        for (String prefix : new String[] {key + ".entry", key}) {
            TreeSet<Integer> indexes = indexes(prefix + ".");
            if (!indexes.isEmpty()) {
                ObjectNode out = Json.object();
                for (int i : indexes) {
                    String entry = prefix + "." + i + ".";
                    String k = params.get(entry + keyName);
                    JsonNode v = value(valueRef.shape(), valueRef, entry + valueName);
                    if (k != null) {
                        out.set(k, v);
                    }
                }
                return out;
            }
        }
        return "".equals(params.get(key)) ? Json.object() : null;
    }

    /** A parameter's name as AWS's validation messages spell it: {@code Tags.member.1.Key} → {@code tags.member.1.key}. */
    private static String memberPath(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.")) {
            out.append(out.length() == 0 ? "" : ".").append(ShapeValues.lower(part));
        }
        return out.toString();
    }

    /** The positive numbers N of the parameters named {@code prefix + N} or {@code prefix + N + ".…"}. */
    private TreeSet<Integer> indexes(String prefix) {
        TreeSet<Integer> out = new TreeSet<>();
        for (String name : params.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
            String rest = name.substring(prefix.length());
            int dot = rest.indexOf('.');
            String index = dot < 0 ? rest : rest.substring(0, dot);
            if (!index.isEmpty() && index.length() < 10 && index.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(index);
                if (i > 0) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private boolean hasPrefix(String prefix) {
        String next = params.ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }
}
