package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.List;

/** A document path in an expression: {@code a.b[2].c}, each element an attribute name (String) or a list index (Integer). */
record DocumentPath(List<Object> elements) {

    String top() {
        return (String) elements.get(0);
    }

    /** True when this path equals {@code other} or one is a prefix of the other. */
    boolean overlaps(DocumentPath other) {
        int n = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, n).equals(other.elements.subList(0, n));
    }

    /** The value at this path in an item, or null when any step is missing or of the wrong type. */
    JsonNode get(JsonNode item) {
        JsonNode current = item.get(top());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = step(current, elements.get(i));
        }
        return current;
    }

    private static JsonNode step(JsonNode av, Object element) {
        if (element instanceof String name) {
            return av.has("M") ? av.get("M").get(name) : null;
        }
        int index = (Integer) element;
        return av.has("L") && index < av.get("L").size() ? av.get("L").get(index) : null;
    }

    /** Sets the value at this path; the parent must exist (an index past a list's end appends). */
    void set(ObjectNode item, JsonNode value) {
        if (elements.size() == 1) {
            item.set(top(), value);
            return;
        }
        JsonNode parent = new DocumentPath(elements.subList(0, elements.size() - 1)).get(item);
        Object last = elements.get(elements.size() - 1);
        if (last instanceof String name && parent != null && parent.get("M") instanceof ObjectNode m) {
            m.set(name, value);
        } else if (last instanceof Integer index && parent != null && parent.get("L") instanceof ArrayNode l) {
            if (index < l.size()) {
                l.set(index, value);
            } else {
                l.add(value);
            }
        } else {
            throw AwsException.validation("The document path provided in the update expression is invalid for update");
        }
    }

    /** Removes the value at this path, if there is one (list elements after it move down). */
    void remove(ObjectNode item) {
        if (elements.size() == 1) {
            item.remove(top());
            return;
        }
        JsonNode parent = new DocumentPath(elements.subList(0, elements.size() - 1)).get(item);
        Object last = elements.get(elements.size() - 1);
        if (last instanceof String name && parent != null && parent.get("M") instanceof ObjectNode m) {
            m.remove(name);
        } else if (last instanceof Integer index && parent != null && parent.get("L") instanceof ArrayNode l && index < l.size()) {
            l.remove(index);
        }
    }

    /** Copies the value at this path into {@code out}, creating the maps and lists above it (ProjectionExpression). */
    void project(JsonNode item, ObjectNode out) {
        JsonNode value = get(item);
        if (value == null) {
            return;
        }
        if (elements.size() == 1) {
            out.set(top(), value.deepCopy());
            return;
        }
        JsonNode container = out.get(top());
        if (container == null) {
            container = elements.get(1) instanceof String ? AttributeValues.of("M", Json.object()) : AttributeValues.of("L", Json.array());
            out.set(top(), container);
        }
        for (int i = 1; i < elements.size(); i++) {
            Object e = elements.get(i);
            boolean leaf = i == elements.size() - 1;
            JsonNode next = leaf ? new DocumentPath(elements.subList(0, i + 1)).get(item).deepCopy()
                    : elements.get(i + 1) instanceof String ? AttributeValues.of("M", Json.object()) : AttributeValues.of("L", Json.array());
            if (e instanceof String name && container.get("M") instanceof ObjectNode m) {
                if (leaf || !m.has(name)) {
                    m.set(name, next);
                }
                container = m.get(name);
            } else if (container.get("L") instanceof ArrayNode l) {
                l.add(next); // projected list elements are compacted, as DynamoDB does
                container = next;
            } else {
                return;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                s.append('[').append(i).append(']');
            } else {
                s.append(s.isEmpty() ? "" : ".").append(e);
            }
        }
        return s.toString();
    }
}
