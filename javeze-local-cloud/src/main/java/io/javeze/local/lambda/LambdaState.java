package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.store.StateStore;

/**
 * Lambda's durable state, one document: {@code functions} (name → {config, code, tags, policy, versions, aliases,
 * url, ...}), {@code layers} and {@code mappings}. Callers hold the lock ({@code synchronized (state)}).
 */
final class LambdaState {
    final StateStore store;
    final ObjectNode doc;
    final String region;

    LambdaState(StateStore store, String region) {
        this.store = store;
        this.region = region;
        this.doc = store.load("lambda");
        for (String k : new String[] {"functions", "layers", "mappings"}) {
            if (!doc.has(k)) {
                doc.putObject(k);
            }
        }
    }

    ObjectNode functions() {
        return (ObjectNode) doc.get("functions");
    }

    ObjectNode layers() {
        return (ObjectNode) doc.get("layers");
    }

    ObjectNode mappings() {
        return (ObjectNode) doc.get("mappings");
    }

    void save() {
        store.save("lambda", doc);
    }

    String functionArn(String name) {
        return "arn:aws:lambda:" + region + ":" + LocalAccount.ID + ":function:" + name;
    }

    /** A function by name, partial ARN or ARN (qualifier split off by the caller). */
    ObjectNode function(String nameOrArn) {
        String name = FunctionRef.parse(nameOrArn).name();
        JsonNode fn = functions().get(name);
        if (fn == null) {
            throw new AwsException(404, "ResourceNotFoundException", "Function not found: " + functionArn(name));
        }
        return (ObjectNode) fn;
    }

    ObjectNode functionOrNull(String name) {
        JsonNode fn = functions().get(name);
        return fn == null ? null : (ObjectNode) fn;
    }
}
