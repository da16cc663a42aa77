package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table's definition as CreateTable validated it: key schema, attribute types, billing mode and secondary indexes.
 * {@link #spec()} is what is persisted; {@link #fromSpec} reads it back.
 */
record TableSchema(String name, String hashKey, String rangeKey, Map<String, String> attributeTypes, String billingMode,
                   long readCapacity, long writeCapacity, List<Index> indexes, String tableId, double createdEpochSeconds,
                   ObjectNode spec) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    /** A global or local secondary index. */
    record Index(String name, boolean global, String hashKey, String rangeKey, String projectionType, List<String> nonKeyAttributes,
                 long readCapacity, long writeCapacity) {}

    Index index(String indexName) {
        for (Index i : indexes) {
            if (i.name().equals(indexName)) {
                return i;
            }
        }
        return null;
    }

    /** The table's key attributes, hash first. */
    List<String> keyNames() {
        return rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey);
    }

    static void validateName(String name, String member) {
        if (name == null) {
            throw AwsException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (name.length() < 3 || name.length() > 255) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length " + (name.length() < 3
                    ? "greater than or equal to 3" : "less than or equal to 255"));
        }
        if (!NAME.matcher(name).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + name + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    /** Validates a CreateTable request into a schema. */
    static TableSchema create(JsonNode in, String tableId, double now) {
        String name = in.path("TableName").isTextual() ? in.get("TableName").asText() : null;
        validateName(name, "tableName");
        if (!in.path("KeySchema").isArray() || in.get("KeySchema").isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
        }
        if (!in.path("AttributeDefinitions").isArray()) {
            throw AwsException.validation("1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode d : in.get("AttributeDefinitions")) {
            String type = d.path("AttributeType").asText();
            if (!Set.of("S", "N", "B").contains(type)) {
                throw AwsException.validation("1 validation error detected: Value '" + type
                        + "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
            }
            if (types.put(d.path("AttributeName").asText(), type) != null) {
                throw AwsException.validation("Cannot have two attributes with the same name. Attribute name: " + d.path("AttributeName").asText());
            }
        }
        String[] key = keySchema(in.get("KeySchema"), "KeySchema");
        String billing = in.path("BillingMode").asText("PROVISIONED");
        if (!Set.of("PROVISIONED", "PAY_PER_REQUEST").contains(billing)) {
            throw AwsException.validation("1 validation error detected: Value '" + billing
                    + "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        long[] capacity = throughput(in.get("ProvisionedThroughput"), billing, "");
        Set<String> used = new LinkedHashSet<>(List.of(key[0]));
        if (key[1] != null) {
            used.add(key[1]);
        }
        List<Index> indexes = new ArrayList<>();
        ObjectNode spec = Json.object().put("TableName", name).put("BillingMode", billing).put("TableId", tableId)
                .put("CreationDateTime", now);
        spec.set("KeySchema", in.get("KeySchema").deepCopy());
        spec.set("AttributeDefinitions", in.get("AttributeDefinitions").deepCopy());
        spec.putObject("ProvisionedThroughput").put("ReadCapacityUnits", capacity[0]).put("WriteCapacityUnits", capacity[1]);
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            JsonNode list = in.get(kind);
            if (list == null || list.isNull()) {
                continue;
            }
            boolean global = kind.startsWith("Global");
            ArrayNode saved = spec.putArray(kind);
            for (JsonNode i : list) {
                String indexName = i.path("IndexName").asText(null);
                validateName(indexName, (global ? "globalSecondaryIndexes" : "localSecondaryIndexes") + ".1.member.indexName");
                for (Index other : indexes) {
                    if (other.name().equals(indexName)) {
                        throw AwsException.validation("One or more parameter values were invalid: Duplicate index name: " + indexName);
                    }
                }
                String[] ik = keySchema(i.get("KeySchema"), "KeySchema of index " + indexName);
                if (!global && (!ik[0].equals(key[0]) || ik[1] == null)) {
                    throw AwsException.validation("One or more parameter values were invalid: Index KeySchema does not have a range key for index: "
                            + indexName);
                }
                used.add(ik[0]);
                if (ik[1] != null) {
                    used.add(ik[1]);
                }
                JsonNode projection = i.path("Projection");
                String type = projection.path("ProjectionType").asText("ALL");
                List<String> nonKey = new ArrayList<>();
                projection.path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
                if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
                    throw AwsException.validation("1 validation error detected: Value '" + type
                            + "' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
                }
                long[] ic = global ? throughput(i.get("ProvisionedThroughput"), billing, " for index " + indexName) : capacity;
                indexes.add(new Index(indexName, global, ik[0], ik[1], type, nonKey, ic[0], ic[1]));
                ObjectNode s = saved.addObject().put("IndexName", indexName);
                s.set("KeySchema", i.get("KeySchema").deepCopy());
                s.putObject("Projection").put("ProjectionType", type).set("NonKeyAttributes", Json.MAPPER.valueToTree(nonKey));
                s.putObject("ProvisionedThroughput").put("ReadCapacityUnits", ic[0]).put("WriteCapacityUnits", ic[1]);
            }
        }
        List<String> undefined = used.stream().filter(a -> !types.containsKey(a)).toList();
        if (!undefined.isEmpty()) {
            throw AwsException.validation("One or more parameter values were invalid: Some index key attributes are not defined in "
                    + "AttributeDefinitions. Keys: " + undefined + ", AttributeDefinitions: " + new ArrayList<>(types.keySet()));
        }
        if (!used.containsAll(types.keySet())) {
            throw AwsException.validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                    + "match number of attributes defined in AttributeDefinitions");
        }
        return new TableSchema(name, key[0], key[1], types, billing, capacity[0], capacity[1], indexes, tableId, now, spec);
    }

    private static String[] keySchema(JsonNode schema, String where) {
        if (schema == null || !schema.isArray() || schema.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
        }
        if (schema.size() > 2) {
            throw AwsException.validation("1 validation error detected: Value '" + schema + "' at 'keySchema' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 2");
        }
        if (!"HASH".equals(schema.get(0).path("KeyType").asText())) {
            throw AwsException.validation("Invalid " + where + ": The first KeySchemaElement is not a HASH key type");
        }
        if (schema.size() == 2 && !"RANGE".equals(schema.get(1).path("KeyType").asText())) {
            throw AwsException.validation("Invalid " + where + ": The second KeySchemaElement is not a RANGE key type");
        }
        String hash = schema.get(0).path("AttributeName").asText();
        String range = schema.size() == 2 ? schema.get(1).path("AttributeName").asText() : null;
        if (hash.equals(range)) {
            throw AwsException.validation("Invalid " + where + ": Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        return new String[] {hash, range};
    }

    private static long[] throughput(JsonNode t, String billing, String what) {
        boolean given = t != null && !t.isNull();
        if (billing.equals("PAY_PER_REQUEST")) {
            if (given) {
                throw AwsException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                        + "can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return new long[] {0, 0};
        }
        if (!given || !t.path("ReadCapacityUnits").canConvertToLong() || !t.path("WriteCapacityUnits").canConvertToLong()) {
            throw AwsException.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both "
                    + "be specified when BillingMode is PROVISIONED" + what);
        }
        long r = t.get("ReadCapacityUnits").asLong();
        long w = t.get("WriteCapacityUnits").asLong();
        if (r < 1 || w < 1) {
            throw AwsException.validation("1 validation error detected: Value '" + Math.min(r, w)
                    + "' at 'provisionedThroughput' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return new long[] {r, w};
    }

    /** Reads a persisted spec back (it was validated when the table was created). */
    static TableSchema fromSpec(ObjectNode spec) {
        Map<String, String> types = new LinkedHashMap<>();
        spec.get("AttributeDefinitions").forEach(d -> types.put(d.get("AttributeName").asText(), d.get("AttributeType").asText()));
        JsonNode ks = spec.get("KeySchema");
        List<Index> indexes = new ArrayList<>();
        for (String kind : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            for (JsonNode i : spec.path(kind)) {
                List<String> nonKey = new ArrayList<>();
                i.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
                JsonNode iks = i.get("KeySchema");
                indexes.add(new Index(i.get("IndexName").asText(), kind.startsWith("Global"), iks.get(0).get("AttributeName").asText(),
                        iks.size() > 1 ? iks.get(1).get("AttributeName").asText() : null,
                        i.path("Projection").path("ProjectionType").asText("ALL"), nonKey,
                        i.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong(),
                        i.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong()));
            }
        }
        return new TableSchema(spec.get("TableName").asText(), ks.get(0).get("AttributeName").asText(),
                ks.size() > 1 ? ks.get(1).get("AttributeName").asText() : null, types, spec.get("BillingMode").asText(),
                spec.path("ProvisionedThroughput").path("ReadCapacityUnits").asLong(),
                spec.path("ProvisionedThroughput").path("WriteCapacityUnits").asLong(), indexes, spec.get("TableId").asText(),
                spec.get("CreationDateTime").asDouble(), spec);
    }

    /**
     * Checks a Key parameter (GetItem, DeleteItem, UpdateItem, BatchGetItem): exactly the key attributes, of their
     * declared types. Returns the normalised key.
     */
    ObjectNode key(JsonNode given) {
        ObjectNode key = AttributeValues.item(given, "key");
        if (key.size() != keyNames().size()) {
            throw AwsException.validation("The provided key element does not match the schema");
        }
        for (String k : keyNames()) {
            JsonNode v = key.get(k);
            if (v == null || !AttributeValues.type(v).equals(attributeTypes.get(k))) {
                throw AwsException.validation("The provided key element does not match the schema");
            }
            emptyKeyValue(k, v);
        }
        return key;
    }

    /** Checks an item's key and index key attributes (PutItem, and an item after UpdateItem). */
    void checkItem(ObjectNode item) {
        for (String k : keyNames()) {
            JsonNode v = item.get(k);
            if (v == null) {
                throw AwsException.validation("One or more parameter values were invalid: Missing the key " + k + " in the item");
            }
            String type = AttributeValues.type(v);
            if (!type.equals(attributeTypes.get(k))) {
                throw AwsException.validation("One or more parameter values were invalid: Type mismatch for key " + k + " expected: "
                        + attributeTypes.get(k) + " actual: " + type);
            }
            emptyKeyValue(k, v);
        }
        for (Index i : indexes) {
            for (String k : i.rangeKey() == null ? List.of(i.hashKey()) : List.of(i.hashKey(), i.rangeKey())) {
                JsonNode v = item.get(k);
                if (v != null && !AttributeValues.type(v).equals(attributeTypes.get(k))) {
                    throw AwsException.validation("One or more parameter values were invalid: Type mismatch for Index Key " + k
                            + " Expected: " + attributeTypes.get(k) + " Actual: " + AttributeValues.type(v) + " IndexName: " + i.name());
                }
                if (v != null) {
                    emptyIndexKeyValue(i, k, v);
                }
            }
        }
        int size = AttributeValues.itemSize(item);
        if (size > AttributeValues.MAX_ITEM_BYTES) {
            throw AwsException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static void emptyKeyValue(String k, JsonNode v) {
        String type = AttributeValues.type(v);
        if ((type.equals("S") || type.equals("B")) && v.get(type).asText().isEmpty()) {
            throw AwsException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                    + "contain an empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + k);
        }
    }

    private static void emptyIndexKeyValue(Index i, String k, JsonNode v) {
        String type = AttributeValues.type(v);
        if ((type.equals("S") || type.equals("B")) && v.get(type).asText().isEmpty()) {
            throw AwsException.validation("One or more parameter values are not valid. A value specified for a secondary index key is "
                    + "not supported. The AttributeValue for a key attribute cannot contain an empty " + (type.equals("S") ? "string" : "binary")
                    + " value. IndexName: " + i.name() + ", IndexKey: " + k);
        }
    }

    /** The primary key attributes of an item. */
    ObjectNode keyOf(JsonNode item) {
        ObjectNode key = Json.object();
        for (String k : keyNames()) {
            key.set(k, item.get(k));
        }
        return key;
    }

    /** The persisted record key of an item or key: its key values in schema order. */
    String recordKey(JsonNode itemOrKey) {
        ArrayNode a = Json.array();
        for (String k : keyNames()) {
            a.add(itemOrKey.get(k));
        }
        return a.toString();
    }
}
