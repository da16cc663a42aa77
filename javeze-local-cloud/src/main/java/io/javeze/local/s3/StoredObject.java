package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object (or, with no blob yet, the object a multipart upload will create): its bytes are the content-addressed
 * blob {@code blob} of the state store. Immutable: a change is a new record.
 *
 * @param metadata user metadata, by name without the {@code x-amz-meta-} prefix
 */
record StoredObject(String blob, long size, String etag, long modified, String contentType, Map<String, String> metadata,
                    Map<String, String> tags) {
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    StoredObject {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    StoredObject withContent(String blob, long size, String etag, long modified) {
        return new StoredObject(blob, size, etag, modified, contentType, metadata, tags);
    }

    StoredObject withTags(Map<String, String> tags) {
        return new StoredObject(blob, size, etag, modified, contentType, metadata, tags);
    }

    ObjectNode json() {
        ObjectNode o = Json.object().put("size", size).put("modified", modified).put("contentType", contentType);
        if (blob != null) {
            o.put("blob", blob).put("etag", etag);
        }
        metadata.forEach(o.putObject("metadata")::put);
        tags.forEach(o.putObject("tags")::put);
        return o;
    }

    /** From its record; records from before the typed store kept metadata under its full header name. */
    static StoredObject of(JsonNode o) {
        Map<String, String> metadata = new LinkedHashMap<>();
        o.path("metadata").fields().forEachRemaining(e -> metadata.put(
                e.getKey().startsWith("x-amz-meta-") ? e.getKey().substring("x-amz-meta-".length()) : e.getKey(), e.getValue().asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        o.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new StoredObject(o.path("blob").asText(null), o.path("size").asLong(), o.path("etag").asText(null),
                o.path("modified").asLong(), o.path("contentType").asText(DEFAULT_CONTENT_TYPE), metadata, tags);
    }
}
