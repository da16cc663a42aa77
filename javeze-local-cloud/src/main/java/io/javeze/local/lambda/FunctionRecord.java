package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One function as {@link LambdaStore} keeps it: $LATEST's configuration (the model's {@code FunctionConfiguration}
 * as stored, before its Pending/InProgress state is settled), its code, published versions, aliases, resource policy,
 * URL, tags and reserved concurrency. A record the store has published is never changed: writers change a
 * {@link #copy()} under the function's lock and the store publishes it.
 */
final class FunctionRecord {
    /** A published version: its configuration frozen at publication, and the code it runs. */
    record Version(int number, ObjectNode config, String codeBlob, String sourceRevision) {}

    /** An alias: the version it points to and, optionally, a weighted second version ({@code RoutingConfig}). */
    record Alias(String name, String arn, String functionVersion, String description, String revisionId, JsonNode routingConfig) {
        /** The model's {@code AliasConfiguration}. */
        ObjectNode toShape() {
            ObjectNode a = Json.object().put("AliasArn", arn).put("Name", name).put("FunctionVersion", functionVersion)
                    .put("Description", description).put("RevisionId", revisionId);
            if (routingConfig != null) {
                a.set("RoutingConfig", routingConfig.deepCopy());
            }
            return a;
        }
    }

    /** One statement of the function's resource policy, as GetPolicy answers it. */
    record Permission(String sid, ObjectNode statement) {}

    /** The function's URL: its id in {@code {urlId}.lambda-url.localhost}, the qualifier it serves and its config. */
    record Url(String urlId, String qualifier, String functionUrl, String authType, JsonNode cors, String invokeMode,
               String creationTime, String lastModifiedTime) {}

    final String name;
    ObjectNode config;
    String codeBlob;
    /** When the pending create or update settles (Pending → Active, InProgress → Successful). */
    long readyAt;
    /** Until when another update is refused as in progress. */
    long busyUntil;
    final Map<String, String> tags = new LinkedHashMap<>();
    final TreeMap<Integer, Version> versions = new TreeMap<>();
    int nextVersion = 1;
    final Map<String, Alias> aliases = new LinkedHashMap<>();
    final List<Permission> policy = new ArrayList<>();
    String policyRevision;
    Integer concurrency;
    Url url;

    FunctionRecord(String name) {
        this.name = name;
    }

    String arn() {
        return config.get("FunctionArn").asText();
    }

    /** The version an alias or version qualifier names ($LATEST for none); an unknown alias is taken as a version. */
    String versionOf(String qualifier) {
        if (qualifier == null) {
            return "$LATEST";
        }
        Alias alias = aliases.get(qualifier);
        return alias != null ? alias.functionVersion() : qualifier;
    }

    /** A published version by its number as text, or null ($LATEST and unknown ones). */
    Version version(String number) {
        try {
            return versions.get(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The configuration a qualifier serves, settled: $LATEST's, a version's or an alias's version's. */
    ObjectNode configuration(String qualifier, long now) {
        String version = versionOf(qualifier);
        if (version.equals("$LATEST")) {
            return settled(now);
        }
        Version v = version(version);
        if (v == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Function not found: " + arn() + ":" + qualifier);
        }
        return v.config().deepCopy().put("State", "Active").put("LastUpdateStatus", "Successful");
    }

    /** $LATEST's configuration as of {@code now}: a finished create or update shows as such. */
    ObjectNode settled(long now) {
        ObjectNode cfg = config.deepCopy();
        settle(cfg, now);
        return cfg;
    }

    /** Moves finished transitions on in the stored configuration itself (writers call it before changing it). */
    void settle(long now) {
        settle(config, now);
    }

    private void settle(ObjectNode cfg, long now) {
        if (now < readyAt) {
            return;
        }
        if ("Pending".equals(cfg.path("State").asText())) {
            cfg.put("State", "Active");
            cfg.remove(List.of("StateReason", "StateReasonCode"));
            cfg.put("LastUpdateStatus", "Successful");
        } else if ("InProgress".equals(cfg.path("LastUpdateStatus").asText())) {
            cfg.put("LastUpdateStatus", "Successful");
            cfg.remove(List.of("LastUpdateStatusReason", "LastUpdateStatusReasonCode"));
        }
    }

    FunctionRecord copy() {
        return fromJson(name, toJson());
    }

    // ---- persistence: the layout the single state document used, so old data directories migrate as they are

    JsonNode toJson() {
        ObjectNode fn = Json.object();
        fn.set("config", config.deepCopy());
        fn.put("codeBlob", codeBlob).put("readyAt", readyAt).put("busyUntil", busyUntil);
        fn.set("tags", Json.toObject(tags));
        ObjectNode vs = fn.putObject("versions");
        versions.forEach((n, v) -> {
            ObjectNode o = vs.putObject(Integer.toString(n));
            o.set("config", v.config().deepCopy());
            o.put("codeBlob", v.codeBlob()).put("sourceRevision", v.sourceRevision());
        });
        fn.put("nextVersion", nextVersion);
        ObjectNode as = fn.putObject("aliases");
        aliases.forEach((n, a) -> as.set(n, a.toShape()));
        ArrayNode p = fn.putArray("policy");
        policy.forEach(s -> p.add(s.statement().deepCopy()));
        if (policyRevision != null) {
            fn.put("policyRevision", policyRevision);
        }
        if (concurrency != null) {
            fn.put("concurrency", concurrency);
        }
        if (url != null) {
            ObjectNode u = fn.putObject("url").put("FunctionUrl", url.functionUrl()).put("FunctionArn", arn())
                    .put("AuthType", url.authType()).put("CreationTime", url.creationTime())
                    .put("LastModifiedTime", url.lastModifiedTime()).put("InvokeMode", url.invokeMode());
            if (url.cors() != null) {
                u.set("Cors", url.cors().deepCopy());
            }
            fn.put("urlId", url.urlId());
            if (url.qualifier() != null) {
                fn.put("urlQualifier", url.qualifier());
            }
        }
        return fn;
    }

    static FunctionRecord fromJson(String name, JsonNode fn) {
        FunctionRecord r = new FunctionRecord(name);
        r.config = ((ObjectNode) fn.get("config")).deepCopy();
        r.codeBlob = fn.path("codeBlob").asText();
        r.readyAt = fn.path("readyAt").asLong();
        r.busyUntil = fn.path("busyUntil").asLong();
        r.tags.putAll(Json.stringMap(fn.path("tags")));
        fn.path("versions").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.has("config")) {
                r.versions.put(Integer.parseInt(e.getKey()), new Version(Integer.parseInt(e.getKey()),
                        ((ObjectNode) v.get("config")).deepCopy(), v.path("codeBlob").asText(), v.path("sourceRevision").asText()));
            }
        });
        r.nextVersion = fn.path("nextVersion").asInt(1);
        fn.path("aliases").fields().forEachRemaining(e -> {
            JsonNode a = e.getValue();
            r.aliases.put(e.getKey(), new Alias(e.getKey(), a.path("AliasArn").asText(), a.path("FunctionVersion").asText(),
                    a.path("Description").asText(""), a.path("RevisionId").asText(),
                    a.hasNonNull("RoutingConfig") ? a.get("RoutingConfig").deepCopy() : null));
        });
        fn.path("policy").forEach(s -> r.policy.add(new Permission(s.path("Sid").asText(), ((ObjectNode) s).deepCopy())));
        r.policyRevision = Json.text(fn, "policyRevision");
        r.concurrency = fn.hasNonNull("concurrency") ? fn.get("concurrency").asInt() : null;
        JsonNode u = fn.get("url");
        if (u != null && fn.hasNonNull("urlId")) {
            r.url = new Url(fn.get("urlId").asText(), Json.text(fn, "urlQualifier"), u.path("FunctionUrl").asText(),
                    u.path("AuthType").asText(), u.hasNonNull("Cors") ? u.get("Cors").deepCopy() : null,
                    u.path("InvokeMode").asText("BUFFERED"), u.path("CreationTime").asText(), u.path("LastModifiedTime").asText());
        }
        return r;
    }
}
