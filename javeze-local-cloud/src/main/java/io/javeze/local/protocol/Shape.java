package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shape of an AWS API model: its type and the traits the wire protocols read (member locations, XML names,
 * flattening, timestamp formats, payloads). A thin view over the model's JSON; members resolve their target shapes
 * through the {@link ServiceModel}.
 */
public final class Shape {
    /** A structure member: its own traits, which override the target shape's ({@code locationName}, {@code flattened}). */
    public record Member(String name, Shape shape, JsonNode traits) {
        /** Where a REST protocol carries it: {@code uri}, {@code querystring}, {@code header}, {@code headers}, or null (body). */
        public String location() {
            return text(traits, "location");
        }

        /** The name on the wire: the member's {@code locationName}, else the member's name. */
        public String wireName() {
            String n = text(traits, "locationName");
            return n == null ? name : n;
        }

        /** The XML / query name of a list member or element, where the member itself says so. */
        public String xmlName() {
            String n = text(traits, "locationName");
            return n == null ? shape.locationName() : n;
        }

        public boolean flattened() {
            return traits.path("flattened").asBoolean(false) || shape.flattened();
        }

        public boolean xmlAttribute() {
            return traits.path("xmlAttribute").asBoolean(false);
        }

        public String timestampFormat() {
            String f = text(traits, "timestampFormat");
            return f == null ? shape.timestampFormat() : f;
        }

        /** A header or query value carrying JSON (base64-encoded in headers). */
        public boolean jsonValue() {
            return traits.path("jsonvalue").asBoolean(false);
        }

        public boolean idempotencyToken() {
            return traits.path("idempotencyToken").asBoolean(false);
        }
    }

    private final ServiceModel model;
    private final String name;
    private final JsonNode json;
    private Map<String, Member> members;

    Shape(ServiceModel model, String name, JsonNode json) {
        this.model = model;
        this.name = name;
        this.json = json;
    }

    public String name() {
        return name;
    }

    ServiceModel model() {
        return model;
    }

    /** structure, list, map, string, integer, long, boolean, float, double, timestamp, blob. */
    public String type() {
        return json.path("type").asText();
    }

    public boolean isStructure() {
        return "structure".equals(type());
    }

    /** The structure's members in the model's order. */
    public synchronized Map<String, Member> members() {
        if (members == null) {
            Map<String, Member> m = new LinkedHashMap<>();
            json.path("members").fields().forEachRemaining(e ->
                    m.put(e.getKey(), new Member(e.getKey(), model.shape(e.getValue().path("shape").asText()), e.getValue())));
            members = m;
        }
        return members;
    }

    public Member member(String memberName) {
        return members().get(memberName);
    }

    /** The list's element as a member (its {@code locationName} names XML and query elements). */
    public Member listMember() {
        return member(json.path("member"), "member");
    }

    public Member mapKey() {
        return member(json.path("key"), "key");
    }

    public Member mapValue() {
        return member(json.path("value"), "value");
    }

    private Member member(JsonNode ref, String defaultName) {
        return new Member(defaultName, model.shape(ref.path("shape").asText()), ref);
    }

    /** The member sent as the whole body of a REST operation, or null. */
    public String payload() {
        return text(json, "payload");
    }

    public boolean required(String memberName) {
        for (JsonNode r : json.path("required")) {
            if (r.asText().equals(memberName)) {
                return true;
            }
        }
        return false;
    }

    public Iterable<JsonNode> requiredMembers() {
        return json.path("required");
    }

    public String locationName() {
        return text(json, "locationName");
    }

    public boolean flattened() {
        return json.path("flattened").asBoolean(false);
    }

    public boolean streaming() {
        return json.path("streaming").asBoolean(false);
    }

    public String timestampFormat() {
        return text(json, "timestampFormat");
    }

    /** The error code of an exception shape ({@code error.code}, else the shape's name). */
    public String errorCode() {
        String code = text(json.path("error"), "code");
        return code == null ? name : code;
    }

    /** The namespace of the root element, where the model names one ({@code xmlNamespace.uri}). */
    public String xmlNamespace() {
        return text(json.path("xmlNamespace"), "uri");
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String toString() {
        return name + ":" + type();
    }
}
