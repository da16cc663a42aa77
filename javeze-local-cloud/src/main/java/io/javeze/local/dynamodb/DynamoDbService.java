package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.dynamodb.Expressions.Condition;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.store.StateStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB over its JSON protocol (awsJson1_0, {@code X-Amz-Target: DynamoDB_20120810.*}): tables with key schemas
 * and secondary indexes, items with condition, update and projection expressions, Query and Scan with pagination,
 * the batch and transaction calls. The generic {@link io.javeze.local.protocol.AwsJsonProtocol} parses and writes the
 * wire; tables and their control plane are the {@link TableRegistry}'s (the store); each table's items live in an
 * {@link ItemTable} (the engine); this provider validates item calls and answers them.
 */
public final class DynamoDbService implements Provider {
    private static final Set<String> LEGACY = Set.of("Expected", "AttributeUpdates", "KeyConditions", "QueryFilter", "ScanFilter",
            "ConditionalOperator");

    private final TableRegistry tables;

    public DynamoDbService(StateStore store, String region) {
        this.tables = new TableRegistry(store, region);
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        for (String legacy : LEGACY) {
            if (in.has(legacy)) {
                throw AwsException.validation("The local cloud does not support the legacy parameter " + legacy
                        + "; use ConditionExpression, UpdateExpression, KeyConditionExpression or FilterExpression");
            }
        }
        return switch (operation.name()) {
            case "CreateTable" -> tables.createTable(in);
            case "DescribeTable" -> {
                ObjectNode o = Json.object();
                o.set("Table", tables.describe(tables.tableForControl(in), "ACTIVE"));
                yield o;
            }
            case "DeleteTable" -> tables.deleteTable(in);
            case "UpdateTable" -> tables.updateTable(in);
            case "ListTables" -> tables.listTables(in);
            case "PutItem" -> putItem(in);
            case "GetItem" -> getItem(in);
            case "DeleteItem" -> deleteItem(in);
            case "UpdateItem" -> updateItem(in);
            case "Query" -> Reads.query(tables.table(in), in);
            case "Scan" -> Reads.scan(tables.table(in), in);
            case "BatchGetItem" -> batchGet(in);
            case "BatchWriteItem" -> batchWrite(in);
            case "TransactWriteItems" -> Transactions.write(in, tables::tableNamed);
            case "TransactGetItems" -> Transactions.get(in, tables::tableNamed);
            case "DescribeTimeToLive" -> tables.describeTimeToLive(in);
            case "UpdateTimeToLive" -> tables.updateTimeToLive(in);
            case "TagResource" -> tables.tagResource(in);
            case "UntagResource" -> tables.untagResource(in);
            case "ListTagsOfResource" -> tables.listTags(in);
            default -> throw new AwsException(400, "UnknownOperationException", "The local cloud does not implement DynamoDB "
                    + operation.name());
        };
    }

    // ---- items

    private static String returnValues(JsonNode in, Set<String> allowed) {
        String rv = in.path("ReturnValues").asText("NONE");
        if (!allowed.contains(rv)) {
            throw AwsException.validation("Return values set to invalid value");
        }
        return rv;
    }

    private static Condition condition(JsonNode in, Placeholders placeholders) {
        String expression = in.path("ConditionExpression").asText(null);
        return expression == null ? null : ExpressionParser.condition(expression, "ConditionExpression", placeholders);
    }

    /** Checks that ExpressionAttributeValues/Names come with an expression, as DynamoDB does. */
    static void placeholdersNeedExpressions(JsonNode in, Placeholders placeholders, boolean anyExpression) {
        if (!anyExpression && in.has("ExpressionAttributeValues")) {
            throw AwsException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (!anyExpression && in.has("ExpressionAttributeNames")) {
            throw AwsException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        placeholders.checkAllUsed();
    }

    private ObjectNode putItem(JsonNode in) {
        ItemTable table = tables.table(in);
        String rv = returnValues(in, Set.of("NONE", "ALL_OLD"));
        Placeholders placeholders = new Placeholders(in);
        Condition condition = condition(in, placeholders);
        placeholdersNeedExpressions(in, placeholders, condition != null);
        if (!in.path("Item").isObject()) {
            throw AwsException.validation("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
        }
        ObjectNode item = AttributeValues.item(in.get("Item"), "item");
        table.schema().checkItem(item);
        ObjectNode old = table.write(table.schema().keyOf(item), current -> {
            check(condition, current, in);
            return item;
        });
        ObjectNode o = Json.object();
        if (rv.equals("ALL_OLD") && old != null) {
            o.set("Attributes", old);
        }
        return consumed(o, in, table);
    }

    /** Fails with ConditionalCheckFailedException, carrying the item when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
    private static void check(Condition condition, ObjectNode current, JsonNode in) {
        if (condition != null && !condition.test(current == null ? Json.object() : current)) {
            AwsException failed = DynamoDbErrors.conditionFailed();
            if (current != null && "ALL_OLD".equals(in.path("ReturnValuesOnConditionCheckFailure").asText())) {
                failed.with("Item", current);
            }
            throw failed;
        }
    }

    private static List<DocumentPath> projection(JsonNode in, Placeholders placeholders) {
        if (in.has("ProjectionExpression")) {
            return ExpressionParser.projection(in.get("ProjectionExpression").asText(), placeholders);
        }
        if (in.path("AttributesToGet").isArray()) {
            List<DocumentPath> paths = new ArrayList<>();
            in.get("AttributesToGet").forEach(a -> paths.add(new DocumentPath(List.of(a.asText()))));
            return paths;
        }
        return null;
    }

    private ObjectNode getItem(JsonNode in) {
        ItemTable table = tables.table(in);
        Placeholders placeholders = new Placeholders(in);
        List<DocumentPath> projection = projection(in, placeholders);
        placeholdersNeedExpressions(in, placeholders, in.has("ProjectionExpression"));
        ObjectNode item = table.get(table.schema().key(in.get("Key")));
        ObjectNode o = Json.object();
        if (item != null) {
            o.set("Item", Expressions.project(item, projection));
        }
        return consumed(o, in, table);
    }

    private ObjectNode deleteItem(JsonNode in) {
        ItemTable table = tables.table(in);
        String rv = returnValues(in, Set.of("NONE", "ALL_OLD"));
        Placeholders placeholders = new Placeholders(in);
        Condition condition = condition(in, placeholders);
        placeholdersNeedExpressions(in, placeholders, condition != null);
        ObjectNode key = table.schema().key(in.get("Key"));
        ObjectNode old = table.write(key, current -> {
            check(condition, current, in);
            return null;
        });
        ObjectNode o = Json.object();
        if (rv.equals("ALL_OLD") && old != null) {
            o.set("Attributes", old);
        }
        return consumed(o, in, table);
    }

    private ObjectNode updateItem(JsonNode in) {
        ItemTable table = tables.table(in);
        TableSchema schema = table.schema();
        String rv = returnValues(in, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        Placeholders placeholders = new Placeholders(in);
        Expressions.Update update = in.has("UpdateExpression")
                ? ExpressionParser.update(in.get("UpdateExpression").asText(), placeholders)
                : new Expressions.Update(List.of(), List.of(), List.of(), List.of());
        Condition condition = condition(in, placeholders);
        placeholdersNeedExpressions(in, placeholders, condition != null || in.has("UpdateExpression"));
        checkKeyNotUpdated(update, schema);
        ObjectNode key = schema.key(in.get("Key"));
        ObjectNode[] updated = new ObjectNode[1];
        ObjectNode old = table.write(key, current -> {
            check(condition, current, in);
            updated[0] = update.apply(current == null ? key : current);
            schema.checkItem(updated[0]);
            return updated[0];
        });
        ObjectNode o = Json.object();
        ObjectNode attributes = switch (rv) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> updated[0];
            case "UPDATED_OLD" -> old == null ? null : Expressions.project(old, update.paths());
            case "UPDATED_NEW" -> Expressions.project(updated[0], update.paths());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            o.set("Attributes", attributes);
        }
        return consumed(o, in, table);
    }

    static void checkKeyNotUpdated(Expressions.Update update, TableSchema schema) {
        for (DocumentPath p : update.paths()) {
            if (schema.keyNames().contains(p.top())) {
                throw AwsException.validation("One or more parameter values were invalid: Cannot update attribute " + p.top()
                        + ". This attribute is part of the key");
            }
        }
    }

    static ObjectNode consumed(ObjectNode out, JsonNode in, ItemTable table) {
        String mode = in.path("ReturnConsumedCapacity").asText("NONE");
        if (!mode.equals("NONE")) {
            out.putObject("ConsumedCapacity").put("TableName", table.schema().name()).put("CapacityUnits", 1.0);
        }
        return out;
    }

    // ---- batches

    private ObjectNode batchGet(JsonNode in) {
        JsonNode request = in.path("RequestItems");
        if (!request.isObject() || request.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        int total = 0;
        for (JsonNode t : request) {
            total += t.path("Keys").size();
        }
        if (total > 100) {
            throw AwsException.validation("Too many items requested for the BatchGetItem call");
        }
        ObjectNode o = Json.object();
        ObjectNode responses = o.putObject("Responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            var e = it.next();
            ItemTable table = tables.tableNamed(e.getKey());
            JsonNode spec = e.getValue();
            Placeholders placeholders = new Placeholders(spec);
            List<DocumentPath> projection = projection(spec, placeholders);
            placeholdersNeedExpressions(spec, placeholders, spec.has("ProjectionExpression"));
            Set<String> seen = new LinkedHashSet<>();
            ArrayNode found = responses.putArray(e.getKey());
            for (JsonNode k : spec.path("Keys")) {
                ObjectNode key = table.schema().key(k);
                if (!seen.add(table.schema().recordKey(key))) {
                    throw AwsException.validation("Provided list of item keys contains duplicates");
                }
                ObjectNode item = table.get(key);
                if (item != null) {
                    found.add(Expressions.project(item, projection));
                }
            }
        }
        o.putObject("UnprocessedKeys");
        return o;
    }

    private record Write(ItemTable table, ObjectNode key, ObjectNode item) {}

    private ObjectNode batchWrite(JsonNode in) {
        JsonNode request = in.path("RequestItems");
        if (!request.isObject() || request.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            var e = it.next();
            ItemTable table = tables.tableNamed(e.getKey());
            Set<String> seen = new LinkedHashSet<>();
            for (JsonNode r : e.getValue()) {
                Write w;
                if (r.path("PutRequest").isObject()) {
                    ObjectNode item = AttributeValues.item(r.get("PutRequest").get("Item"), "item");
                    table.schema().checkItem(item);
                    w = new Write(table, table.schema().keyOf(item), item);
                } else if (r.path("DeleteRequest").isObject()) {
                    w = new Write(table, table.schema().key(r.get("DeleteRequest").get("Key")), null);
                } else {
                    throw AwsException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
                            + "supported datatypes");
                }
                if (!seen.add(table.schema().recordKey(w.key()))) {
                    throw AwsException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(w);
            }
        }
        if (writes.isEmpty() || writes.size() > 25) {
            throw AwsException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value "
                    + "must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        for (Write w : writes) {
            w.table().write(w.key(), current -> w.item());
        }
        ObjectNode o = Json.object();
        o.putObject("UnprocessedItems");
        return o;
    }
}
