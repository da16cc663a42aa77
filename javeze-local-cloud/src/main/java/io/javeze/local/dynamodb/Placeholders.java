package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.AwsException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all its expressions, with what they
 * used: DynamoDB rejects a request that defines a placeholder no expression uses.
 */
final class Placeholders {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    Placeholders(JsonNode request) {
        JsonNode n = request.get("ExpressionAttributeNames");
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode v = request.get("ExpressionAttributeValues");
        if (v != null && v.isObject()) {
            v.fields().forEachRemaining(e -> values.put(e.getKey(), AttributeValues.value(e.getValue())));
        }
    }

    boolean isEmpty() {
        return names.isEmpty() && values.isEmpty();
    }

    String name(String placeholder, String expression) {
        String name = names.get(placeholder);
        if (name == null) {
            throw AwsException.validation("Invalid " + expression + ": An expression attribute name used in the document path is not defined; "
                    + "attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    JsonNode value(String placeholder, String expression) {
        JsonNode value = values.get(placeholder);
        if (value == null) {
            throw AwsException.validation("Invalid " + expression + ": An expression attribute value used in expression is not defined; "
                    + "attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Called once every expression of the request is parsed. */
    void checkAllUsed() {
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw AwsException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw AwsException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
    }
}
