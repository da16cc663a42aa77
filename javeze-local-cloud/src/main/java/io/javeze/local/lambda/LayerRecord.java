package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.TreeMap;

/** One layer as {@link LambdaStore} keeps it: its versions and the number the next one gets. Never changed once published. */
record LayerRecord(String name, int next, TreeMap<Integer, LayerRecord.Version> versions) {
    /** A layer version: the model's {@code GetLayerVersionResponse} and the blob holding its zip. */
    record Version(int number, ObjectNode description, String blob) {}

    static LayerRecord empty(String name) {
        return new LayerRecord(name, 1, new TreeMap<>());
    }

    LayerRecord with(Version v) {
        TreeMap<Integer, Version> copy = new TreeMap<>(versions);
        copy.put(v.number(), v);
        return new LayerRecord(name, Math.max(next, v.number() + 1), copy);
    }

    LayerRecord without(int number) {
        TreeMap<Integer, Version> copy = new TreeMap<>(versions);
        copy.remove(number);
        return new LayerRecord(name, next, copy);
    }

    /** The layout the single state document used: {@code {"next":N,"versions":{"1":{...description, "blob":hex}}}}. */
    JsonNode toJson() {
        ObjectNode l = Json.object().put("next", next);
        ObjectNode vs = l.putObject("versions");
        versions.forEach((n, v) -> vs.set(Integer.toString(n), v.description().deepCopy().put("blob", v.blob())));
        return l;
    }

    static LayerRecord fromJson(String name, JsonNode l) {
        TreeMap<Integer, Version> versions = new TreeMap<>();
        l.path("versions").fields().forEachRemaining(e -> {
            ObjectNode d = ((ObjectNode) e.getValue()).deepCopy();
            String blob = d.remove("blob").asText();
            versions.put(Integer.parseInt(e.getKey()), new Version(Integer.parseInt(e.getKey()), d, blob));
        });
        return new LayerRecord(name, l.path("next").asInt(1), versions);
    }
}
