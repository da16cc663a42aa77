package io.javeze.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.protocol.ShapedRecords;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The schedules, by {@code group/name}: one journaled record each in the state store's {@code scheduler-schedules}
 * table. Each change is atomic for its schedule only, so calls on different schedules never wait on each other.
 */
final class ScheduleStore {
    private final Table table;
    private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

    ScheduleStore(StateStore store) {
        this.table = store.table("scheduler-schedules");
        table.records().forEach((key, json) -> schedules.put(key, ShapedRecords.read(json, Schedule.class)));
        migrateDocument(store);
    }

    /** A data directory from before this store kept the schedules in the {@code scheduler} document. */
    private void migrateDocument(StateStore store) {
        JsonNode legacy = store.load("scheduler").path("schedules");
        if (legacy.isEmpty()) {
            return;
        }
        legacy.fields().forEachRemaining(e -> {
            Schedule s = ShapedRecords.read(e.getValue(), Schedule.class);
            schedules.put(e.getKey(), s);
            table.put(e.getKey(), ShapedRecords.write(s));
        });
        store.save("scheduler", io.javeze.local.http.Json.object());
    }

    Schedule get(String group, String name) {
        return schedules.get(Schedule.key(group, name));
    }

    /** Adds the schedule unless one of its name exists; false when it does. */
    boolean create(Schedule s) {
        boolean[] created = {false};
        schedules.compute(s.key(), (k, old) -> {
            if (old != null) {
                return old;
            }
            table.put(k, ShapedRecords.write(s));
            created[0] = true;
            return s;
        });
        return created[0];
    }

    /** Replaces the schedule with what {@code change} makes of it; null when there is no such schedule. */
    Schedule update(String group, String name, UnaryOperator<Schedule> change) {
        return schedules.computeIfPresent(Schedule.key(group, name), (k, old) -> {
            Schedule next = change.apply(old);
            table.put(k, ShapedRecords.write(next));
            return next;
        });
    }

    /** False when there is no such schedule. */
    boolean delete(String group, String name) {
        boolean[] deleted = {false};
        schedules.computeIfPresent(Schedule.key(group, name), (k, old) -> {
            table.remove(k);
            deleted[0] = true;
            return null;
        });
        return deleted[0];
    }

    /** Every schedule by key, in key order. */
    SortedMap<String, Schedule> all() {
        return new TreeMap<>(schedules);
    }
}
