package io.javeze.deploy.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Keeps one stage's {@link Deployed} record ({@code deployed.stages.<stage>} in the manifest) and rewrites the
 * manifest atomically after every change, so an interrupted deploy leaves an accurate record. Each write re-reads
 * the file and replaces only this stage's entry, so deploys of two stages from one project keep both records.
 * Dry runs record nothing.
 */
public final class DeployedRecorder {
    private static final ObjectMapper JSON = ManifestStore.json();

    private final Path projectDir;
    private final Manifest manifest;
    private final String stage;
    private final boolean persist;
    private final Object io = new Object();
    private Deployed state;
    private long version;
    private long persisted;

    public DeployedRecorder(Path projectDir, Manifest manifest, String stage, boolean persist) {
        this.projectDir = projectDir;
        this.manifest = manifest;
        this.stage = stage;
        this.persist = persist;
        this.state = read(manifest, stage);
    }

    /**
     * A stage's record in a manifest; an unreadable one (hand edits) counts as none: lookups by name and tag still
     * find everything. A record written before stages ({@code deployed} itself, schema 1) is the record of its stage.
     */
    public static Deployed read(Manifest manifest, String stage) {
        JsonNode node = stages(manifest).get(stage);
        if (node == null || node.isEmpty()) return Deployed.empty();
        try {
            return JSON.treeToValue(node, Deployed.class);
        } catch (Exception e) {
            return Deployed.empty();
        }
    }

    /** Stage → its record, as JSON. */
    static ObjectNode stages(Manifest manifest) {
        ObjectNode deployed = manifest == null ? null : manifest.deployed();
        ObjectNode out = JSON.createObjectNode();
        if (deployed == null || deployed.isEmpty()) return out;
        if (deployed.path("stages").isObject()) return deployed.get("stages").deepCopy();
        if (deployed.hasNonNull("stage")) out.set(deployed.get("stage").asText(), deployed.deepCopy());
        return out;
    }

    public synchronized Deployed current() {
        return state;
    }

    /**
     * Applies a change and returns once it is on disk. Concurrent steps commit as a group: whoever writes next
     * writes the newest state, which includes every change made before it, so one write can cover many records.
     */
    public void update(Function<Deployed, Deployed> change) {
        long mine;
        synchronized (this) {
            Deployed next = change.apply(state);
            if (next.equals(state)) return;
            state = next;
            mine = ++version;
        }
        if (!persist || manifest == null) return;
        synchronized (io) {
            if (persisted >= mine) return;
            Deployed snapshot;
            long v;
            synchronized (this) {
                snapshot = state;
                v = version;
            }
            Manifest onDisk = java.nio.file.Files.exists(ManifestStore.path(projectDir)) ? ManifestStore.read(projectDir) : manifest;
            ObjectNode stages = stages(onDisk);
            stages.set(stage, JSON.valueToTree(snapshot));
            ObjectNode deployed = JSON.createObjectNode().put("schema", Deployed.SCHEMA);
            deployed.set("stages", stages);
            ManifestStore.write(projectDir, onDisk.withDeployed(deployed));
            persisted = v;
        }
    }

    /** Starts a fresh record: the old one describes another account or region, or the stage is removed. */
    public void reset() {
        update(d -> Deployed.empty());
    }

    public void replace(Deployed next) {
        update(d -> next);
    }

    public void target(String region, String account, String stage) {
        update(d -> new Deployed(Deployed.SCHEMA, region, account, stage, d.apiId(), d.apiEndpoint(), d.apiUrl(), d.roles(),
                d.functions(), d.integrations(), d.authorizers(), d.routes(), d.topics(), d.queues(), d.subscriptions(),
                d.eventSourceMappings(), d.current(), d.history()));
    }

    public void api(String id, String endpoint, String url) {
        update(d -> new Deployed(d.schema(), d.region(), d.account(), d.stage(), id, endpoint, url, d.roles(), d.functions(),
                d.integrations(), d.authorizers(), d.routes(), d.topics(), d.queues(), d.subscriptions(),
                d.eventSourceMappings(), d.current(), d.history()));
    }

    public enum Section { ROLES, FUNCTIONS, INTEGRATIONS, AUTHORIZERS, ROUTES, TOPICS, SUBSCRIPTIONS, EVENT_SOURCE_MAPPINGS }

    /** Records (value non-null) or forgets (value null) one entry. */
    public void put(Section section, String key, String value) {
        update(d -> {
            Map<String, String> roles = d.roles(), functions = d.functions(), integrations = d.integrations(),
                    authorizers = d.authorizers(), routes = d.routes(), topics = d.topics(),
                    subscriptions = d.subscriptions(), mappings = d.eventSourceMappings();
            switch (section) {
                case ROLES -> roles = with(roles, key, value);
                case FUNCTIONS -> functions = with(functions, key, value);
                case INTEGRATIONS -> integrations = with(integrations, key, value);
                case AUTHORIZERS -> authorizers = with(authorizers, key, value);
                case ROUTES -> routes = with(routes, key, value);
                case TOPICS -> topics = with(topics, key, value);
                case SUBSCRIPTIONS -> subscriptions = with(subscriptions, key, value);
                case EVENT_SOURCE_MAPPINGS -> mappings = with(mappings, key, value);
            }
            return new Deployed(d.schema(), d.region(), d.account(), d.stage(), d.apiId(), d.apiEndpoint(), d.apiUrl(),
                    roles, functions, integrations, authorizers, routes, topics, d.queues(), subscriptions, mappings, d.current(), d.history());
        });
    }

    /** Forgets the entries of a section whose value is {@code value} (deletes know the id, not the app name). */
    public void forgetValue(Section section, String value) {
        Deployed d = current();
        Map<String, String> m = switch (section) {
            case ROLES -> d.roles();
            case FUNCTIONS -> d.functions();
            case INTEGRATIONS -> d.integrations();
            case AUTHORIZERS -> d.authorizers();
            case ROUTES -> d.routes();
            case TOPICS -> d.topics();
            case SUBSCRIPTIONS -> d.subscriptions();
            case EVENT_SOURCE_MAPPINGS -> d.eventSourceMappings();
        };
        m.entrySet().stream().filter(e -> value.equals(e.getValue())).map(Map.Entry::getKey).toList()
                .forEach(k -> put(section, k, null));
    }

    public void forgetQueue(String url) {
        current().queues().entrySet().stream().filter(e -> url.equals(e.getValue().url()) || url.equals(e.getValue().dlqUrl()))
                .map(Map.Entry::getKey).toList().forEach(k -> queue(k, null));
    }

    public void queue(String key, Deployed.QueueRecord value) {
        update(d -> new Deployed(d.schema(), d.region(), d.account(), d.stage(), d.apiId(), d.apiEndpoint(), d.apiUrl(),
                d.roles(), d.functions(), d.integrations(), d.authorizers(), d.routes(), d.topics(),
                with(d.queues(), key, value), d.subscriptions(), d.eventSourceMappings(), d.current(), d.history()));
    }

    /** After the API is deleted, its parts go with it. */
    public void forgetApi() {
        update(d -> new Deployed(d.schema(), d.region(), d.account(), d.stage(), null, null, null, d.roles(), d.functions(),
                Map.of(), Map.of(), Map.of(), d.topics(), d.queues(), d.subscriptions(), d.eventSourceMappings(), d.current(), d.history()));
    }

    private static <V> Map<String, V> with(Map<String, V> m, String key, V value) {
        Map<String, V> copy = new TreeMap<>(m);
        if (value == null) copy.remove(key);
        else copy.put(key, value);
        return copy;
    }
}
