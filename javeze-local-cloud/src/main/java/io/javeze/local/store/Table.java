package io.javeze.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One named table of a {@link StateStore}: keyed JSON records, each change journaled. The owner keeps its own
 * in-memory view (typed objects) and tells the table what changed; the table is what survives a crash.
 */
public final class Table {
    private final StateStore store;
    private final String name;

    Table(StateStore store, String name) {
        this.store = store;
        this.name = name;
    }

    /** The records as recovered or last written, in first-written order. */
    public Map<String, JsonNode> records() {
        return store.records(name);
    }

    /** Creates or replaces a record; the value is kept as is, so the caller must not change it afterwards. */
    public void put(String key, JsonNode value) {
        store.write(name, key, value);
    }

    public void remove(String key) {
        store.write(name, key, null);
    }
}
