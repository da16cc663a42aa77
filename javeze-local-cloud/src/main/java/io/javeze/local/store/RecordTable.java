package io.javeze.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@link Table} of typed, immutable records kept in memory: the one place a service's store locks and persists.
 * A change to one key is atomic and journaled before it is visible; there is no service-wide lock, but a change runs
 * inside {@link ConcurrentHashMap#compute}, which holds the lock of the key's hash bin: two keys that share a bin wait
 * for each other, so changes must stay short (no I/O but the journal's buffered append). Stores whose changes take
 * longer (Lambda, API Gateway) lock one monitor per record instead. Reads see the last committed record without locking.
 *
 * @param <R> the record type; never changed once built, a change makes a new one
 */
public final class RecordTable<R> {
    private final Table table;
    private final Function<R, JsonNode> toJson;
    private final ConcurrentHashMap<String, R> records = new ConcurrentHashMap<>();

    public RecordTable(StateStore store, String name, Function<JsonNode, R> fromJson, Function<R, JsonNode> toJson) {
        this.table = store.table(name);
        this.toJson = toJson;
        table.records().forEach((key, json) -> records.put(key, fromJson.apply(json)));
    }

    public R get(String key) {
        return records.get(key);
    }

    /** Every record, by key. */
    public List<R> all() {
        return new ArrayList<>(new TreeMap<>(records).values());
    }

    /**
     * Atomically replaces the record at {@code key} with {@code change(current)} ({@code current} is null when there is
     * none): null removes it, the same record changes nothing. {@code change} may throw to refuse, and then nothing
     * changes. It runs holding the key's lock: it may change records of other tables, never of this one.
     *
     * @return the record now at {@code key}
     */
    public R update(String key, UnaryOperator<R> change) {
        return records.compute(key, (k, current) -> {
            R next = change.apply(current);
            if (next == null) {
                if (current != null) {
                    table.remove(k);
                }
            } else if (next != current) {
                table.put(k, toJson.apply(next));
            }
            return next;
        });
    }

    /** Removes the record at {@code key}; returns it, or null when there was none. */
    public R remove(String key) {
        Object[] removed = new Object[1];
        update(key, current -> {
            removed[0] = current;
            return null;
        });
        @SuppressWarnings("unchecked")
        R r = (R) removed[0];
        return r;
    }
}
