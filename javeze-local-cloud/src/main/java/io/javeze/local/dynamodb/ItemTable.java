package io.javeze.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import io.javeze.local.store.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One DynamoDB table's items, in key order (partition key, then sort key), each journaled as one record of the
 * {@link io.javeze.local.store.StateStore} under its key values: an acknowledged write survives kill -9. Every read
 * and write holds the table's lock, so a conditional write checks and writes atomically.
 */
final class ItemTable {
    private final TableSchema schema;
    private final Table records;
    private final NavigableMap<JsonNode, ObjectNode> items;
    private boolean deleted;

    ItemTable(TableSchema schema, Table records) {
        this.schema = schema;
        this.records = records;
        this.items = new TreeMap<>(order(schema.keyNames()));
        records.records().forEach((k, item) -> items.put(schema.keyOf(item), (ObjectNode) item));
    }

    TableSchema schema() {
        return schema;
    }

    /** Orders items by the given key attributes in turn, DynamoDB's way; an item lacking one sorts first. */
    static Comparator<JsonNode> order(List<String> attributes) {
        return (a, b) -> {
            for (String name : attributes) {
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null) {
                    if (x != y) {
                        return x == null ? -1 : 1;
                    }
                    continue;
                }
                Integer c = AttributeValues.compare(x, y);
                if (c != null && c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    synchronized ObjectNode get(ObjectNode key) {
        live();
        return items.get(key);
    }

    /**
     * Replaces the item under {@code key} with what {@code change} makes of the current one (null when absent);
     * a null result deletes it. The change runs under the table's lock, so its condition check is atomic with the
     * write. Returns the item as it was.
     */
    synchronized ObjectNode write(ObjectNode key, UnaryOperator<ObjectNode> change) {
        live();
        ObjectNode old = items.get(key);
        ObjectNode updated = change.apply(old);
        if (updated == null) {
            if (old != null) {
                items.remove(key);
                records.remove(schema.recordKey(key));
            }
        } else {
            items.put(schema.keyOf(updated), updated);
            records.put(schema.recordKey(updated), updated);
        }
        return old;
    }

    /** The items of one partition, in sort-key order. */
    synchronized List<ObjectNode> partition(JsonNode hashValue) {
        live();
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode first = Json.object(); // no sort key: sorts before every item of the partition
        first.set(schema.hashKey(), hashValue);
        for (var e : items.tailMap(first, true).entrySet()) {
            Integer c = AttributeValues.compare(e.getKey().get(schema.hashKey()), hashValue);
            if (c == null || c != 0) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }

    /** Every item, in key order. */
    synchronized List<ObjectNode> all() {
        live();
        return new ArrayList<>(items.values());
    }

    synchronized long count() {
        return items.size();
    }

    synchronized long sizeBytes() {
        long size = 0;
        for (ObjectNode item : items.values()) {
            size += AttributeValues.itemSize(item);
        }
        return size;
    }

    /** Drops every item; calls made afterwards through a reference taken before fail as if the table never existed. */
    synchronized void drop() {
        deleted = true;
        for (ObjectNode item : items.values()) {
            records.remove(schema.recordKey(item));
        }
        items.clear();
    }

    private void live() {
        if (deleted) {
            throw DynamoDbErrors.notFound();
        }
    }

    /** Removes records a crash left behind between a table's deletion and its re-creation under the same name. */
    static void purge(Table records) {
        records.records().keySet().forEach(records::remove);
    }
}
