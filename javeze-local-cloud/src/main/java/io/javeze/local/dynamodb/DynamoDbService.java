package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.dynamodb.Expressions.Condition;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.IamActions;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * DynamoDB over its JSON protocol (awsJson1_0, {@code X-Amz-Target: DynamoDB_20120810.*}): tables with key schemas
 * and secondary indexes, items with condition, update and projection expressions, Query and Scan with pagination,
 * and the batch calls. Each table's items live in an {@link ItemTable}; table definitions in one store table.
 */
public final class DynamoDbService implements AwsService, IamActions {
    private static final Set<String> LEGACY = Set.of("Expected", "AttributeUpdates", "KeyConditions", "QueryFilter", "ScanFilter",
            "ConditionalOperator");

    private final StateStore store;
    private final String region;
    private final Table definitions;
    private final Map<String, ItemTable> tables = new ConcurrentHashMap<>();
    /** Per table: its time-to-live setting and tags ({@code {"ttl":{...},"tags":{...}}}); guarded by {@code this}. */
    private final Table settings;

    public DynamoDbService(StateStore store, String region) {
        this.store = store;
        this.region = region;
        this.definitions = store.table("dynamodb-tables");
        this.settings = store.table("dynamodb-settings");
        definitions.records().forEach((name, spec) -> {
            TableSchema schema = TableSchema.fromSpec((ObjectNode) spec);
            tables.put(name, new ItemTable(schema, items(name)));
        });
    }

    private Table items(String table) {
        return store.table("dynamodb-items/" + table);
    }

    @Override
    public String signingName() {
        return "dynamodb";
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        JsonNode in = call.json();
        for (String legacy : LEGACY) {
            if (in.has(legacy)) {
                throw AwsException.validation("The local cloud does not support the legacy parameter " + legacy
                        + "; use ConditionExpression, UpdateExpression, KeyConditionExpression or FilterExpression");
            }
        }
        ObjectNode out = switch (call.operation()) {
            case "CreateTable" -> createTable(in);
            case "DescribeTable" -> {
                ObjectNode o = Json.object();
                o.set("Table", describe(tableForControl(in), "ACTIVE"));
                yield o;
            }
            case "DeleteTable" -> deleteTable(in);
            case "ListTables" -> listTables(in);
            case "PutItem" -> putItem(in);
            case "GetItem" -> getItem(in);
            case "DeleteItem" -> deleteItem(in);
            case "UpdateItem" -> updateItem(in);
            case "Query" -> Reads.query(table(in), in);
            case "Scan" -> Reads.scan(table(in), in);
            case "BatchGetItem" -> batchGet(in);
            case "BatchWriteItem" -> batchWrite(in);
            case "TransactWriteItems" -> Transactions.write(in, this::tableNamed);
            case "TransactGetItems" -> Transactions.get(in, this::tableNamed);
            case "DescribeTimeToLive" -> describeTimeToLive(in);
            case "UpdateTimeToLive" -> updateTimeToLive(in);
            case "TagResource" -> tagResource(in);
            case "UntagResource" -> untagResource(in);
            case "ListTagsOfResource" -> listTags(in);
            default -> throw new AwsException(400, "UnknownOperationException", "The local cloud does not implement DynamoDB "
                    + call.operation());
        };
        return respond(out);
    }

    /** An awsJson1_0 answer with the CRC32 of its body, which the SDK's DynamoDB client verifies. */
    static AwsResponse respond(JsonNode out) {
        byte[] body = Json.bytes(out);
        CRC32 crc = new CRC32();
        crc.update(body);
        return AwsResponse.bytes(200, body, "application/x-amz-json-1.0").header("x-amz-crc32", Long.toString(crc.getValue()));
    }

    // ---- IAM

    String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + LocalAccount.ID + ":table/" + table;
    }

    @Override
    public List<ActionOnResource> iamActions(AwsCall call) {
        JsonNode in = call.json();
        String action = "dynamodb:" + call.operation();
        List<ActionOnResource> out = new ArrayList<>();
        if (in.path("RequestItems").isObject()) {
            in.get("RequestItems").fieldNames().forEachRemaining(t -> out.add(new ActionOnResource(action, tableArn(t))));
        } else if (in.path("TableName").isTextual()) {
            String arn = tableArn(in.get("TableName").asText());
            out.add(new ActionOnResource(action, in.path("IndexName").isTextual() ? arn + "/index/" + in.get("IndexName").asText() : arn));
        } else {
            out.add(new ActionOnResource(action, "*"));
        }
        return out;
    }

    // ---- tables

    private ItemTable table(JsonNode in) {
        String name = in.path("TableName").asText(null);
        TableSchema.validateName(name, "tableName");
        ItemTable t = tables.get(name);
        if (t == null) {
            throw DynamoDbErrors.notFound();
        }
        return t;
    }

    private ItemTable tableNamed(String name) {
        return table(Json.object().put("TableName", name));
    }

    private ItemTable tableForControl(JsonNode in) {
        String name = in.path("TableName").asText(null);
        TableSchema.validateName(name, "tableName");
        ItemTable t = tables.get(name);
        if (t == null) {
            throw DynamoDbErrors.tableNotFound(name);
        }
        return t;
    }

    private synchronized ObjectNode createTable(JsonNode in) {
        TableSchema schema = TableSchema.create(in, UUID.randomUUID().toString(), System.currentTimeMillis() / 1000.0);
        if (tables.containsKey(schema.name())) {
            throw DynamoDbErrors.inUse("Table already exists: " + schema.name());
        }
        Table records = items(schema.name());
        ItemTable.purge(records);
        definitions.put(schema.name(), schema.spec());
        ItemTable table = new ItemTable(schema, records);
        tables.put(schema.name(), table);
        settings.remove(schema.name());
        if (in.path("Tags").isArray() && !in.get("Tags").isEmpty()) {
            ObjectNode s = Json.object();
            ObjectNode tags = s.putObject("tags");
            in.get("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
            settings.put(schema.name(), s);
        }
        ObjectNode o = Json.object();
        o.set("TableDescription", describe(table, "ACTIVE"));
        return o;
    }

    private synchronized ObjectNode deleteTable(JsonNode in) {
        ItemTable table = tableForControl(in);
        ObjectNode description = describe(table, "DELETING");
        tables.remove(table.schema().name());
        table.drop();
        definitions.remove(table.schema().name());
        settings.remove(table.schema().name());
        ObjectNode o = Json.object();
        o.set("TableDescription", description);
        return o;
    }

    private ObjectNode listTables(JsonNode in) {
        int limit = in.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw AwsException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: "
                    + "Member must have value " + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
        }
        String after = in.path("ExclusiveStartTableName").asText(null);
        TreeSet<String> names = new TreeSet<>(tables.keySet());
        List<String> page = new ArrayList<>();
        for (String n : after == null ? names : names.tailSet(after, false)) {
            page.add(n);
        }
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("TableNames");
        page.stream().limit(limit).forEach(list::add);
        if (page.size() > limit) {
            o.put("LastEvaluatedTableName", page.get(limit - 1));
        }
        return o;
    }

    private ObjectNode describe(ItemTable table, String status) {
        TableSchema s = table.schema();
        ObjectNode d = Json.object();
        d.set("AttributeDefinitions", s.spec().get("AttributeDefinitions"));
        d.put("TableName", s.name());
        d.set("KeySchema", s.spec().get("KeySchema"));
        d.put("TableStatus", status);
        d.put("CreationDateTime", s.createdEpochSeconds());
        d.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0).put("ReadCapacityUnits", s.readCapacity())
                .put("WriteCapacityUnits", s.writeCapacity());
        d.put("TableSizeBytes", table.sizeBytes());
        d.put("ItemCount", table.count());
        d.put("TableArn", tableArn(s.name()));
        d.put("TableId", s.tableId());
        if (s.billingMode().equals("PAY_PER_REQUEST")) {
            d.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", s.createdEpochSeconds());
        }
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            JsonNode specs = s.spec().get(kind);
            if (specs == null) {
                continue;
            }
            ArrayNode out = d.putArray(kind);
            for (JsonNode spec : specs) {
                ObjectNode i = spec.deepCopy();
                TableSchema.Index index = s.index(spec.get("IndexName").asText());
                List<ObjectNode> items = Reads.indexItems(table, index);
                i.put("IndexSizeBytes", items.stream().mapToLong(AttributeValues::itemSize).sum()).put("ItemCount", items.size())
                        .put("IndexArn", tableArn(s.name()) + "/index/" + index.name());
                if (index.global()) {
                    i.put("IndexStatus", "ACTIVE");
                    ((ObjectNode) i.get("ProvisionedThroughput")).put("NumberOfDecreasesToday", 0);
                } else {
                    i.remove("ProvisionedThroughput");
                }
                out.add(i);
            }
        }
        d.put("DeletionProtectionEnabled", false);
        return d;
    }

    // ---- time to live and tags

    private synchronized ObjectNode setting(String table) {
        JsonNode s = settings.records().get(table);
        return s == null ? Json.object() : (ObjectNode) s.deepCopy();
    }

    private ObjectNode describeTimeToLive(JsonNode in) {
        ItemTable table = tableForControl(in);
        JsonNode ttl = setting(table.schema().name()).get("ttl");
        ObjectNode o = Json.object();
        ObjectNode d = o.putObject("TimeToLiveDescription");
        if (ttl == null) {
            d.put("TimeToLiveStatus", "DISABLED");
        } else {
            d.put("TimeToLiveStatus", "ENABLED").put("AttributeName", ttl.get("AttributeName").asText());
        }
        return o;
    }

    private synchronized ObjectNode updateTimeToLive(JsonNode in) {
        ItemTable table = tableForControl(in);
        JsonNode spec = in.path("TimeToLiveSpecification");
        String attribute = spec.path("AttributeName").asText("");
        if (attribute.isEmpty() || !spec.path("Enabled").isBoolean()) {
            throw AwsException.validation("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        ObjectNode s = setting(table.schema().name());
        boolean enabled = spec.get("Enabled").asBoolean();
        if (enabled == s.has("ttl")) {
            throw AwsException.validation(enabled ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
        }
        if (enabled) {
            s.putObject("ttl").put("AttributeName", attribute);
        } else {
            s.remove("ttl");
        }
        settings.put(table.schema().name(), s);
        ObjectNode o = Json.object();
        o.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enabled);
        return o;
    }

    private ItemTable tableOfArn(JsonNode in) {
        String arn = in.path("ResourceArn").asText("");
        String prefix = tableArn("");
        ItemTable table = arn.startsWith(prefix) ? tables.get(arn.substring(prefix.length())) : null;
        if (table == null) {
            throw new AwsException(400, "ResourceNotFoundException", "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    private synchronized ObjectNode tagResource(JsonNode in) {
        ItemTable table = tableOfArn(in);
        ObjectNode s = setting(table.schema().name());
        ObjectNode tags = s.has("tags") ? (ObjectNode) s.get("tags") : s.putObject("tags");
        in.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        if (tags.size() > 50) {
            throw AwsException.validation("One or more parameter values were invalid: The number of tags exceeds the limit of 50");
        }
        settings.put(table.schema().name(), s);
        return Json.object();
    }

    private synchronized ObjectNode untagResource(JsonNode in) {
        ItemTable table = tableOfArn(in);
        ObjectNode s = setting(table.schema().name());
        if (s.get("tags") instanceof ObjectNode tags) {
            in.path("TagKeys").forEach(k -> tags.remove(k.asText()));
            settings.put(table.schema().name(), s);
        }
        return Json.object();
    }

    private ObjectNode listTags(JsonNode in) {
        ItemTable table = tableOfArn(in);
        ObjectNode o = Json.object();
        ArrayNode tags = o.putArray("Tags");
        setting(table.schema().name()).path("tags").fields()
                .forEachRemaining(t -> tags.addObject().put("Key", t.getKey()).put("Value", t.getValue().asText()));
        return o;
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
        ItemTable table = table(in);
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
        ItemTable table = table(in);
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
        ItemTable table = table(in);
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
        ItemTable table = table(in);
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
            ItemTable table = table(Json.object().put("TableName", e.getKey()));
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
            ItemTable table = table(Json.object().put("TableName", e.getKey()));
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
