package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAM role as the store keeps it: immutable, changed by making a new one ({@code with...}).
 *
 * @param attached the ARNs of its attached managed policies, in attachment order
 * @param inline   its inline policies' documents by policy name
 */
public record Role(String name, String path, String roleId, String arn, Instant createDate, String assumeRolePolicyDocument,
                   String description, int maxSessionDuration, Map<String, String> tags, List<String> attached,
                   Map<String, String> inline) {
    public Role {
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        attached = List.copyOf(attached);
        inline = Collections.unmodifiableMap(new LinkedHashMap<>(inline));
    }

    Role withAssumeRolePolicy(String document) {
        return new Role(name, path, roleId, arn, createDate, document, description, maxSessionDuration, tags, attached, inline);
    }

    Role withSettings(String newDescription, int newMaxSessionDuration) {
        return new Role(name, path, roleId, arn, createDate, assumeRolePolicyDocument, newDescription, newMaxSessionDuration,
                tags, attached, inline);
    }

    Role withTags(Map<String, String> newTags) {
        return new Role(name, path, roleId, arn, createDate, assumeRolePolicyDocument, description, maxSessionDuration, newTags,
                attached, inline);
    }

    Role withAttached(List<String> newAttached) {
        return new Role(name, path, roleId, arn, createDate, assumeRolePolicyDocument, description, maxSessionDuration, tags,
                newAttached, inline);
    }

    Role withInline(Map<String, String> newInline) {
        return new Role(name, path, roleId, arn, createDate, assumeRolePolicyDocument, description, maxSessionDuration, tags,
                attached, newInline);
    }

    ObjectNode toJson() {
        ObjectNode j = Json.object().put("name", name).put("path", path).put("roleId", roleId).put("arn", arn)
                .put("createDate", createDate.toString()).put("assumeRolePolicyDocument", assumeRolePolicyDocument)
                .put("description", description).put("maxSessionDuration", maxSessionDuration);
        j.set("tags", Json.toObject(tags));
        attached.forEach(j.putArray("attached")::add);
        j.set("inline", Json.toObject(inline));
        return j;
    }

    static Role fromJson(JsonNode j) {
        List<String> attached = new ArrayList<>();
        j.path("attached").forEach(a -> attached.add(a.asText()));
        return new Role(j.path("name").asText(), j.path("path").asText("/"), j.path("roleId").asText(), j.path("arn").asText(),
                Instant.parse(j.path("createDate").asText()), j.path("assumeRolePolicyDocument").asText(),
                j.path("description").asText(null), j.path("maxSessionDuration").asInt(3600), Json.stringMap(j.path("tags")),
                attached, Json.stringMap(j.path("inline")));
    }
}
