package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of the local DynamoDB and their control plane: CreateTable, DescribeTable, DeleteTable, ListTables, time
 * to live and tags. Definitions are one store table ({@code dynamodb-tables}, name → spec), settings another
 * ({@code dynamodb-settings}); each table's items are {@code dynamodb-items/{name}}.
 */
final class TableRegistry {
    private final StateStore store;
    private final String region;
    private final Table definitions;
    private final Map<String, ItemTable> tables = new ConcurrentHashMap<>();
    /** Per table: its time-to-live setting and tags ({@code {"ttl":{...},"tags":{...}}}); guarded by {@code this}. */
    private final Table settings;

    TableRegistry(StateStore store, String region) {
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

    String tableArn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + LocalAccount.ID + ":table/" + table;
    }

    ItemTable table(JsonNode in) {
        ItemTable t = tables.get(name(in));
        if (t == null) {
            throw DynamoDbErrors.notFound();
        }
        return t;
    }

    ItemTable tableNamed(String name) {
        return table(Json.object().put("TableName", name));
    }

    ItemTable tableForControl(JsonNode in) {
        String name = name(in);
        ItemTable t = tables.get(name);
        if (t == null) {
            throw DynamoDbErrors.tableNotFound(name);
        }
        return t;
    }

    /** TableName, given as a name or (as DynamoDB also accepts) as this account's and region's table ARN. */
    private String name(JsonNode in) {
        String name = in.path("TableName").asText(null);
        String arnPrefix = tableArn("");
        if (name != null && name.startsWith(arnPrefix)) {
            name = name.substring(arnPrefix.length());
        }
        TableSchema.validateName(name, "tableName");
        return name;
    }

    synchronized ObjectNode createTable(JsonNode in) {
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

    /**
     * UpdateTable: billing mode, provisioned throughput and GSIs created or deleted (new indexes are ACTIVE at once,
     * holding every item that has their keys). The result is validated as CreateTable would validate it.
     */
    synchronized ObjectNode updateTable(JsonNode in) {
        ItemTable table = tableForControl(in);
        ObjectNode spec = table.schema().spec();
        ObjectNode next = Json.object().put("TableName", table.schema().name());
        next.set("KeySchema", spec.get("KeySchema"));
        String billing = in.path("BillingMode").asText(spec.get("BillingMode").asText());
        next.put("BillingMode", billing);
        boolean provisioned = billing.equals("PROVISIONED");
        if (provisioned) {
            next.set("ProvisionedThroughput", in.has("ProvisionedThroughput") ? in.get("ProvisionedThroughput") : spec.get("ProvisionedThroughput"));
        }
        ArrayNode indexes = Json.array();
        Set<String> deleted = new HashSet<>();
        Map<String, JsonNode> throughputUpdates = new HashMap<>();
        List<JsonNode> created = new ArrayList<>();
        for (JsonNode u : in.path("GlobalSecondaryIndexUpdates")) {
            if (u.has("Delete")) {
                deleted.add(u.get("Delete").path("IndexName").asText());
            } else if (u.has("Update")) {
                throughputUpdates.put(u.get("Update").path("IndexName").asText(), u.get("Update").get("ProvisionedThroughput"));
            } else if (u.has("Create")) {
                created.add(u.get("Create"));
            }
        }
        for (JsonNode i : spec.path("GlobalSecondaryIndexes")) {
            String name = i.get("IndexName").asText();
            if (deleted.remove(name)) {
                continue;
            }
            ObjectNode copy = i.deepCopy();
            if (!provisioned) {
                copy.remove("ProvisionedThroughput");
            } else if (throughputUpdates.containsKey(name)) {
                copy.set("ProvisionedThroughput", throughputUpdates.get(name));
            } else if (copy.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong() == 0) {
                copy.set("ProvisionedThroughput", next.get("ProvisionedThroughput")); // from on-demand: the table's
            }
            indexes.add(copy);
        }
        if (!deleted.isEmpty()) {
            throw new AwsException(400, "ResourceNotFoundException", "Requested resource not found: Index: " + deleted.iterator().next()
                    + " not found for table: " + table.schema().name());
        }
        created.forEach(c -> indexes.add(c.deepCopy()));
        if (!indexes.isEmpty()) {
            next.set("GlobalSecondaryIndexes", indexes);
        }
        if (spec.has("LocalSecondaryIndexes")) {
            next.set("LocalSecondaryIndexes", spec.get("LocalSecondaryIndexes"));
        }
        Map<String, JsonNode> definitionsByName = new LinkedHashMap<>();
        spec.get("AttributeDefinitions").forEach(d -> definitionsByName.put(d.get("AttributeName").asText(), d));
        in.path("AttributeDefinitions").forEach(d -> definitionsByName.put(d.path("AttributeName").asText(), d));
        Set<String> used = new HashSet<>();
        next.get("KeySchema").forEach(k -> used.add(k.get("AttributeName").asText()));
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            next.path(kind).forEach(i -> i.path("KeySchema").forEach(k -> used.add(k.path("AttributeName").asText())));
        }
        ArrayNode attributeDefinitions = next.putArray("AttributeDefinitions");
        definitionsByName.forEach((name, d) -> {
            if (used.contains(name)) {
                attributeDefinitions.add(d);
            }
        });
        TableSchema updated = TableSchema.create(next, table.schema().tableId(), table.schema().createdEpochSeconds());
        definitions.put(updated.name(), updated.spec());
        table.schema(updated);
        ObjectNode o = Json.object();
        o.set("TableDescription", describe(table, "ACTIVE"));
        return o;
    }

    synchronized ObjectNode deleteTable(JsonNode in) {
        ItemTable table = tableForControl(in);
        ObjectNode description = describe(table, "DELETING");
        tables.remove(table.schema().name());
        definitions.remove(table.schema().name()); // first: a crash from here on leaves no half-deleted table behind
        settings.remove(table.schema().name());
        table.drop();
        ObjectNode o = Json.object();
        o.set("TableDescription", description);
        return o;
    }

    ObjectNode listTables(JsonNode in) {
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

    ObjectNode describe(ItemTable table, String status) {
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

    ObjectNode describeTimeToLive(JsonNode in) {
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

    synchronized ObjectNode updateTimeToLive(JsonNode in) {
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

    synchronized ObjectNode tagResource(JsonNode in) {
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

    synchronized ObjectNode untagResource(JsonNode in) {
        ItemTable table = tableOfArn(in);
        ObjectNode s = setting(table.schema().name());
        if (s.get("tags") instanceof ObjectNode tags) {
            in.path("TagKeys").forEach(k -> tags.remove(k.asText()));
            settings.put(table.schema().name(), s);
        }
        return Json.object();
    }

    ObjectNode listTags(JsonNode in) {
        ItemTable table = tableOfArn(in);
        ObjectNode o = Json.object();
        ArrayNode tags = o.putArray("Tags");
        setting(table.schema().name()).path("tags").fields()
                .forEachRemaining(t -> tags.addObject().put("Key", t.getKey()).put("Value", t.getValue().asText()));
        return o;
    }
}
