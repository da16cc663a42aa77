package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.dynamodb.Expressions.Condition;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Query and Scan, on a table or one of its secondary indexes: key conditions, sort order, Limit (items evaluated,
 * before the filter, as DynamoDB counts), the 1 MB page size, ExclusiveStartKey/LastEvaluatedKey, FilterExpression,
 * Select and projections.
 */
final class Reads {
    /** DynamoDB stops a page once this many bytes of items were read. */
    static final int PAGE_BYTES = 1024 * 1024;

    private Reads() {}

    /** The table itself, or one of its indexes: which attributes key it and which of an item's attributes it holds. */
    private record View(TableSchema schema, TableSchema.Index index) {
        String hashKey() {
            return index == null ? schema.hashKey() : index.hashKey();
        }

        String rangeKey() {
            return index == null ? schema.rangeKey() : index.rangeKey();
        }

        /** Index keys first, then the table's: the order items are read in, and what LastEvaluatedKey holds. */
        List<String> keyAttributes() {
            Set<String> names = new LinkedHashSet<>();
            names.add(hashKey());
            if (rangeKey() != null) {
                names.add(rangeKey());
            }
            names.addAll(schema.keyNames());
            return new ArrayList<>(names);
        }

        ObjectNode project(ObjectNode item) {
            if (index == null || index.projectionType().equals("ALL")) {
                return item;
            }
            ObjectNode out = Json.object();
            for (String k : keyAttributes()) {
                out.set(k, item.get(k));
            }
            if (index.projectionType().equals("INCLUDE")) {
                for (String a : index.nonKeyAttributes()) {
                    if (item.has(a)) {
                        out.set(a, item.get(a));
                    }
                }
            }
            return out;
        }
    }

    private static View view(ItemTable table, JsonNode in) {
        String name = in.path("IndexName").asText(null);
        if (name == null) {
            return new View(table.schema(), null);
        }
        TableSchema.Index index = table.schema().index(name);
        if (index == null) {
            throw AwsException.validation("The table does not have the specified index: " + name);
        }
        return new View(table.schema(), index);
    }

    /** The items an index holds (those with its key attributes), in its key order. */
    static List<ObjectNode> indexItems(ItemTable table, TableSchema.Index index) {
        View view = new View(table.schema(), index);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode item : table.all()) {
            if (item.has(index.hashKey()) && (index.rangeKey() == null || item.has(index.rangeKey()))) {
                out.add(item);
            }
        }
        out.sort(ItemTable.order(view.keyAttributes()));
        return out;
    }

    static ObjectNode query(ItemTable table, JsonNode in) {
        View view = view(table, in);
        Placeholders placeholders = new Placeholders(in);
        String expression = in.path("KeyConditionExpression").asText(null);
        if (expression == null) {
            throw AwsException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Condition keyCondition = ExpressionParser.condition(expression, "KeyConditionExpression", placeholders);
        Condition filter = filter(in, placeholders);
        List<DocumentPath> projection = projection(in, placeholders);
        DynamoDbService.placeholdersNeedExpressions(in, placeholders, true);
        JsonNode hashValue = hashValue(keyCondition, view, table.schema());
        List<ObjectNode> candidates;
        if (view.index() == null) {
            candidates = table.partition(hashValue);
        } else {
            candidates = new ArrayList<>();
            for (ObjectNode item : indexItems(table, view.index())) {
                if (AttributeValues.equal(item.get(view.hashKey()), hashValue)) {
                    candidates.add(item);
                }
            }
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode item : candidates) {
            if (keyCondition.test(item)) {
                matching.add(item);
            }
        }
        boolean forward = in.path("ScanIndexForward").asBoolean(true);
        if (!forward) {
            Collections.reverse(matching);
        }
        return page(matching, forward, in, view, filter, projection, table);
    }

    static ObjectNode scan(ItemTable table, JsonNode in) {
        View view = view(table, in);
        Placeholders placeholders = new Placeholders(in);
        Condition filter = filter(in, placeholders);
        List<DocumentPath> projection = projection(in, placeholders);
        DynamoDbService.placeholdersNeedExpressions(in, placeholders, filter != null || projection != null);
        List<ObjectNode> items = view.index() == null ? table.all() : indexItems(table, view.index());
        if (in.has("TotalSegments") || in.has("Segment")) {
            int total = in.path("TotalSegments").asInt(-1);
            int segment = in.path("Segment").asInt(-1);
            if (total < 1 || total > 1_000_000 || segment < 0 || segment >= total) {
                throw AwsException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                        + segment + " is not less than TotalSegments: " + total);
            }
            List<ObjectNode> mine = new ArrayList<>();
            for (ObjectNode item : items) {
                if (Math.floorMod(item.get(view.hashKey()).toString().hashCode(), total) == segment) {
                    mine.add(item);
                }
            }
            items = mine;
        }
        return page(items, true, in, view, filter, projection, table);
    }

    private static Condition filter(JsonNode in, Placeholders placeholders) {
        String expression = in.path("FilterExpression").asText(null);
        return expression == null ? null : ExpressionParser.condition(expression, "FilterExpression", placeholders);
    }

    private static List<DocumentPath> projection(JsonNode in, Placeholders placeholders) {
        String expression = in.path("ProjectionExpression").asText(null);
        return expression == null ? null : ExpressionParser.projection(expression, placeholders);
    }

    /**
     * The partition key value of a key condition, after checking its shape: {@code hash = :v}, optionally AND one
     * condition on the sort key ({@code =, <, <=, >, >=, BETWEEN, begins_with}).
     */
    private static JsonNode hashValue(Condition condition, View view, TableSchema schema) {
        List<Condition> parts = new ArrayList<>();
        flattenAnd(condition, parts);
        if (parts.size() > 2) {
            throw AwsException.validation("Invalid KeyConditionExpression: Query key condition not supported");
        }
        JsonNode hash = null;
        Set<String> seen = new LinkedHashSet<>();
        for (Condition part : parts) {
            String attribute;
            List<JsonNode> values = new ArrayList<>();
            String operator;
            if (part instanceof Expressions.Compare c && c.left() instanceof Expressions.PathOperand p
                    && c.right() instanceof Expressions.ValueOperand v && !c.operator().equals("<>")) {
                attribute = key(p);
                values.add(v.value());
                operator = c.operator();
            } else if (part instanceof Expressions.Between b && b.value() instanceof Expressions.PathOperand p
                    && b.low() instanceof Expressions.ValueOperand lo && b.high() instanceof Expressions.ValueOperand hi) {
                attribute = key(p);
                values.add(lo.value());
                values.add(hi.value());
                operator = "BETWEEN";
            } else if (part instanceof Expressions.BeginsWith bw && bw.value() instanceof Expressions.PathOperand p
                    && bw.prefix() instanceof Expressions.ValueOperand v) {
                attribute = key(p);
                values.add(v.value());
                operator = "begins_with";
            } else {
                throw AwsException.validation("Invalid operator used in KeyConditionExpression: " + operatorName(part));
            }
            if (!attribute.equals(view.hashKey()) && !attribute.equals(view.rangeKey())) {
                throw AwsException.validation("Query condition missed key schema element: " + (seen.contains(view.hashKey())
                        ? view.rangeKey() : view.hashKey()));
            }
            if (!seen.add(attribute)) {
                throw AwsException.validation("KeyConditionExpressions must only contain one condition per key");
            }
            String type = schema.attributeTypes().get(attribute);
            for (JsonNode v : values) {
                if (!AttributeValues.type(v).equals(type)) {
                    throw AwsException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
                }
            }
            if (operator.equals("begins_with") && type.equals("N")) {
                throw AwsException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: begins_with, operand type: N");
            }
            if (attribute.equals(view.hashKey())) {
                if (!operator.equals("=")) {
                    throw AwsException.validation("Query key condition not supported");
                }
                hash = values.get(0);
            }
        }
        if (hash == null) {
            throw AwsException.validation("Query condition missed key schema element: " + view.hashKey());
        }
        return hash;
    }

    private static String key(Expressions.PathOperand p) {
        if (p.path().elements().size() != 1) {
            throw AwsException.validation("Invalid KeyConditionExpression: Key condition cannot contain nested attribute paths: " + p.path());
        }
        return p.path().top();
    }

    private static String operatorName(Condition c) {
        if (c instanceof Expressions.Or) {
            return "OR";
        } else if (c instanceof Expressions.Not) {
            return "NOT";
        } else if (c instanceof Expressions.In) {
            return "IN";
        } else if (c instanceof Expressions.Compare cmp) {
            return cmp.operator();
        } else if (c instanceof Expressions.Exists e) {
            return e.exists() ? "attribute_exists" : "attribute_not_exists";
        } else if (c instanceof Expressions.AttributeType) {
            return "attribute_type";
        } else if (c instanceof Expressions.Contains) {
            return "contains";
        }
        return c.getClass().getSimpleName();
    }

    private static void flattenAnd(Condition c, List<Condition> out) {
        if (c instanceof Expressions.And and) {
            flattenAnd(and.left(), out);
            flattenAnd(and.right(), out);
        } else {
            out.add(c);
        }
    }

    /** One page of {@code items} (already in reading order), from after ExclusiveStartKey, up to Limit and 1 MB. */
    private static ObjectNode page(List<ObjectNode> items, boolean forward, JsonNode in, View view, Condition filter,
                                   List<DocumentPath> projection, ItemTable table) {
        String select = in.path("Select").asText(projection != null ? "SPECIFIC_ATTRIBUTES"
                : view.index() == null ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES");
        if (!Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT").contains(select)) {
            throw AwsException.validation("1 validation error detected: Value '" + select + "' at 'select' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw AwsException.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && view.index() == null) {
            throw AwsException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && view.index() != null && view.index().global()
                && !view.index().projectionType().equals("ALL")) {
            throw AwsException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
                    + "global secondary index " + view.index().name() + " because its projection type is not ALL");
        }
        int limit = Integer.MAX_VALUE;
        if (in.has("Limit")) {
            limit = in.get("Limit").asInt();
            if (limit < 1) {
                throw AwsException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
            }
        }
        Comparator<JsonNode> order = ItemTable.order(view.keyAttributes());
        int from = 0;
        if (in.path("ExclusiveStartKey").isObject()) {
            ObjectNode start = AttributeValues.item(in.get("ExclusiveStartKey"), "exclusiveStartKey");
            for (String k : view.keyAttributes()) {
                if (!start.has(k)) {
                    throw AwsException.validation("The provided starting key is invalid: The provided key element does not match the schema");
                }
            }
            while (from < items.size() && (forward ? order.compare(items.get(from), start) <= 0 : order.compare(items.get(from), start) >= 0)) {
                from++;
            }
        }
        ObjectNode out = Json.object();
        ArrayNode found = Json.array();
        int scanned = 0;
        long bytes = 0;
        int i = from;
        for (; i < items.size() && scanned < limit && bytes < PAGE_BYTES; i++) {
            ObjectNode item = items.get(i);
            scanned++;
            bytes += AttributeValues.itemSize(item);
            if (filter != null && !filter.test(item)) {
                continue;
            }
            ObjectNode visible = select.equals("ALL_ATTRIBUTES") ? item : view.project(item);
            found.add(Expressions.project(visible, projection));
        }
        if (!select.equals("COUNT")) {
            out.set("Items", found);
        }
        out.put("Count", found.size()).put("ScannedCount", scanned);
        if (i < items.size()) {
            ObjectNode last = Json.object();
            ObjectNode item = items.get(i - 1);
            for (String k : view.keyAttributes()) {
                last.set(k, item.get(k));
            }
            out.set("LastEvaluatedKey", last);
        }
        return DynamoDbService.consumed(out, in, table);
    }
}
