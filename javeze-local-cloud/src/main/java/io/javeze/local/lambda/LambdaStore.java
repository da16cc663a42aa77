package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Lambda's state, and the one place that locks and persists it. Three journaled tables: {@code lambda-functions}
 * (name → function record), {@code lambda-layers} (name → layer) and {@code lambda-mappings} (UUID → event source
 * mapping definition).
 *
 * <p>Each function has its own lock: control-plane calls on different functions run in parallel (a deploy creates its
 * functions concurrently), calls on one function are serialized. Writers change a copy of the record under the lock;
 * the store journals and publishes it, so readers take the published record without locking and never see a
 * half-made change. Layers and mappings, few and rarely written, have one lock each.
 */
public final class LambdaStore {
    static final String FUNCTIONS = "lambda-functions";
    static final String LAYERS = "lambda-layers";
    static final String MAPPINGS = "lambda-mappings";
    /** Where Lambda's state lived before it had its own tables: one document, migrated on first start. */
    private static final String LEGACY_DOCUMENT = "lambda";

    private final StateStore store;
    private final String region;
    private final Table functionTable;
    private final Table layerTable;
    private final Table mappingTable;
    private final Map<String, Slot> functions = new ConcurrentHashMap<>();
    private final Map<String, LayerRecord> layers = new ConcurrentHashMap<>();
    private final Map<String, MappingDefinition> mappings = new ConcurrentHashMap<>();
    private final Object layerLock = new Object();
    private final Object mappingLock = new Object();

    /** A function's lock and its published record; {@code deleted} once DeleteFunction took it out. */
    private static final class Slot {
        volatile FunctionRecord current;
        boolean deleted;

        Slot(FunctionRecord current) {
            this.current = current;
        }
    }

    LambdaStore(StateStore store, String region) {
        this.store = store;
        this.region = region;
        this.functionTable = store.table(FUNCTIONS);
        this.layerTable = store.table(LAYERS);
        this.mappingTable = store.table(MAPPINGS);
        migrateLegacyDocument();
        functionTable.records().forEach((name, fn) -> functions.put(name, new Slot(FunctionRecord.fromJson(name, fn))));
        layerTable.records().forEach((name, l) -> layers.put(name, LayerRecord.fromJson(name, l)));
        mappingTable.records().forEach((uuid, m) -> mappings.put(uuid, MappingDefinition.fromJson(m)));
    }

    private void migrateLegacyDocument() {
        if (!functionTable.records().isEmpty() || !layerTable.records().isEmpty() || !mappingTable.records().isEmpty()) {
            return;
        }
        ObjectNode doc = store.load(LEGACY_DOCUMENT);
        if (doc.isEmpty()) {
            return;
        }
        doc.path("functions").fields().forEachRemaining(e -> functionTable.put(e.getKey(), e.getValue()));
        doc.path("layers").fields().forEachRemaining(e -> layerTable.put(e.getKey(), e.getValue()));
        doc.path("mappings").fields().forEachRemaining(e -> mappingTable.put(e.getKey(), e.getValue()));
        store.save(LEGACY_DOCUMENT, Json.object());
    }

    /** The deployed functions' records in a data directory, whether Lambda's tables or the older single document hold them. */
    public static List<JsonNode> persistedFunctions(StateStore store) {
        Map<String, JsonNode> records = store.table(FUNCTIONS).records();
        if (records.isEmpty()) {
            List<JsonNode> legacy = new ArrayList<>();
            store.load(LEGACY_DOCUMENT).path("functions").forEach(legacy::add);
            return legacy;
        }
        return new ArrayList<>(records.values());
    }

    String region() {
        return region;
    }

    String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + LocalAccount.ID + ":function:" + name;
    }

    Path blob(String hex) {
        return store.blob(hex);
    }

    /** Stores a zip by content; done before taking any lock, so uploads of different functions overlap. */
    String putBlob(byte[] zip) {
        return store.putBlob(zip);
    }

    static AwsException functionNotFound(String arn) {
        return new AwsException(404, "ResourceNotFoundException", "Function not found: " + arn);
    }

    // ---- functions

    /** The published record of a function named by name, partial or full ARN (any qualifier ignored). Read only. */
    FunctionRecord function(String nameOrArn) {
        String name = FunctionRef.parse(nameOrArn).name();
        FunctionRecord fn = functionOrNull(name);
        if (fn == null) {
            throw functionNotFound(functionArn(name));
        }
        return fn;
    }

    FunctionRecord functionOrNull(String name) {
        Slot slot = functions.get(name);
        return slot == null ? null : slot.current;
    }

    /** Every function's published record, by name. */
    List<FunctionRecord> functions() {
        List<FunctionRecord> all = new ArrayList<>();
        functions.values().forEach(s -> all.add(s.current));
        all.sort(Comparator.comparing(f -> f.name));
        return all;
    }

    /** Adds a new function; a function of that name is a conflict. */
    void create(FunctionRecord fn) {
        Slot slot = new Slot(fn);
        synchronized (slot) {
            while (true) {
                Slot existing = functions.putIfAbsent(fn.name, slot);
                if (existing == null) {
                    break;
                }
                synchronized (existing) {
                    if (!existing.deleted) {
                        throw new AwsException(409, "ResourceConflictException", "Function already exist: " + fn.name);
                    }
                }
                functions.remove(fn.name, existing);
            }
            try {
                functionTable.put(fn.name, fn.toJson());
            } catch (RuntimeException e) {
                slot.deleted = true;
                functions.remove(fn.name, slot);
                throw e;
            }
        }
    }

    /**
     * Changes a function under its lock: {@code change} gets a settled copy of the record and may throw before or after
     * changing it (nothing is kept then); what it returns is the caller's. The changed record is journaled and published.
     */
    <T> T update(String nameOrArn, Function<FunctionRecord, T> change) {
        String name = FunctionRef.parse(nameOrArn).name();
        return locked(name, slot -> {
            FunctionRecord draft = slot.current.copy();
            draft.settle(System.currentTimeMillis());
            T out = change.apply(draft);
            functionTable.put(name, draft.toJson());
            slot.current = draft;
            return out;
        });
    }

    /** Deletes a function under its lock once {@code check} (which may refuse by throwing) has seen it. */
    void delete(String name, java.util.function.Consumer<FunctionRecord> check) {
        locked(name, slot -> {
            check.accept(slot.current);
            functionTable.remove(name);
            slot.deleted = true;
            functions.remove(name, slot);
            return null;
        });
    }

    /** Runs {@code action} under the lock of the function's live slot; a slot deleted meanwhile is looked up again. */
    private <T> T locked(String name, Function<Slot, T> action) {
        while (true) {
            Slot slot = functions.get(name);
            if (slot == null) {
                throw functionNotFound(functionArn(name));
            }
            synchronized (slot) {
                if (!slot.deleted) {
                    return action.apply(slot);
                }
            }
        }
    }

    // ---- layers

    LayerRecord layer(String name) {
        return layers.get(name);
    }

    Collection<LayerRecord> layers() {
        List<LayerRecord> all = new ArrayList<>(layers.values());
        all.sort(Comparator.comparing(LayerRecord::name));
        return all;
    }

    /** Publishes the next version of a layer; {@code make} gets its number. */
    LayerRecord.Version publishLayerVersion(String name, Function<Integer, LayerRecord.Version> make) {
        synchronized (layerLock) {
            LayerRecord layer = layers.getOrDefault(name, LayerRecord.empty(name));
            LayerRecord.Version v = make.apply(layer.next());
            LayerRecord next = layer.with(v);
            layerTable.put(name, next.toJson());
            layers.put(name, next);
            return v;
        }
    }

    void deleteLayerVersion(String name, int number) {
        synchronized (layerLock) {
            LayerRecord layer = layers.get(name);
            if (layer != null && layer.versions().containsKey(number)) {
                LayerRecord next = layer.without(number);
                layerTable.put(name, next.toJson());
                layers.put(name, next);
            }
        }
    }

    // ---- event source mappings

    MappingDefinition mapping(String uuid) {
        return uuid == null ? null : mappings.get(uuid);
    }

    List<MappingDefinition> mappings() {
        return new ArrayList<>(mappings.values());
    }

    /** Adds a mapping unless {@code conflict} finds one it clashes with among the existing ones (then it throws). */
    void createMapping(MappingDefinition m, java.util.function.Consumer<MappingDefinition> conflict) {
        synchronized (mappingLock) {
            mappings.values().forEach(conflict);
            mappingTable.put(m.uuid(), m.toJson());
            mappings.put(m.uuid(), m);
        }
    }

    /** Changes a mapping; null when there is no such mapping. */
    MappingDefinition updateMapping(String uuid, UnaryOperator<MappingDefinition> change) {
        synchronized (mappingLock) {
            MappingDefinition m = mapping(uuid);
            if (m == null) {
                return null;
            }
            MappingDefinition next = change.apply(m);
            mappingTable.put(uuid, next.toJson());
            mappings.put(uuid, next);
            return next;
        }
    }

    MappingDefinition removeMapping(String uuid) {
        synchronized (mappingLock) {
            MappingDefinition m = mapping(uuid);
            if (m != null) {
                mappings.remove(uuid);
                mappingTable.remove(uuid);
            }
            return m;
        }
    }
}
