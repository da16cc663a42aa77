package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.Json;
import java.util.HashSet;
import java.util.Set;

/** Reads a function's partial batch response ({@code ReportBatchItemFailures}) the way Lambda does. */
final class BatchItemFailures {
    private BatchItemFailures() {}

    /**
     * The message ids that failed; empty when the whole batch succeeded (no payload, {@code null}, {@code {}}, an empty
     * or null list); null when the whole batch failed: a payload that is not JSON or not an object, a list that is
     * not a list, an entry without an {@code itemIdentifier} or with one that names no message of the batch.
     */
    static Set<String> parse(byte[] payload, Set<String> batchIds) {
        Set<String> failed = new HashSet<>();
        if (payload == null || payload.length == 0) {
            return failed;
        }
        JsonNode response;
        try {
            response = Json.MAPPER.readTree(payload);
        } catch (Exception e) {
            return null;
        }
        if (response == null || response.isNull()) {
            return failed;
        }
        if (!response.isObject()) {
            return null;
        }
        JsonNode list = response.path("batchItemFailures");
        if (list.isMissingNode() || list.isNull()) {
            return failed;
        }
        if (!list.isArray()) {
            return null;
        }
        for (JsonNode f : list) {
            String id = f.path("itemIdentifier").isTextual() ? f.get("itemIdentifier").asText() : "";
            if (id.isEmpty() || !batchIds.contains(id)) {
                return null;
            }
            failed.add(id);
        }
        return failed;
    }
}
