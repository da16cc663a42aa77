package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;

/** The query protocol's XML for SQS results: flattened lists and name/value maps. */
final class QueryOutput {
    private QueryOutput() {}

    static ObjectNode toXmlTree(String operation, ObjectNode json) {
        ObjectNode out = Json.object();
        switch (operation) {
            case "GetQueueAttributes" -> out.set("Attribute", pairs(json.path("Attributes"), "Name", "Value"));
            case "ListQueues" -> {
                out.set("QueueUrl", json.path("QueueUrls").isArray() ? json.get("QueueUrls") : Json.array());
                if (json.has("NextToken")) {
                    out.set("NextToken", json.get("NextToken"));
                }
            }
            case "ListQueueTags" -> out.set("Tag", pairs(json.path("Tags"), "Key", "Value"));
            case "ReceiveMessage" -> {
                ArrayNode messages = Json.array();
                for (JsonNode m : json.path("Messages")) {
                    ObjectNode x = messages.addObject();
                    for (String f : new String[] {"MessageId", "ReceiptHandle", "MD5OfBody", "Body", "MD5OfMessageAttributes"}) {
                        if (m.has(f)) {
                            x.set(f, m.get(f));
                        }
                    }
                    x.set("Attribute", pairs(m.path("Attributes"), "Name", "Value"));
                    ArrayNode attrs = x.putArray("MessageAttribute");
                    m.path("MessageAttributes").fields().forEachRemaining(e -> {
                        ObjectNode a = attrs.addObject().put("Name", e.getKey());
                        a.set("Value", e.getValue());
                    });
                }
                out.set("Message", messages);
            }
            case "SendMessageBatch" -> batch(out, json, "SendMessageBatchResultEntry");
            case "DeleteMessageBatch" -> batch(out, json, "DeleteMessageBatchResultEntry");
            case "ChangeMessageVisibilityBatch" -> batch(out, json, "ChangeMessageVisibilityBatchResultEntry");
            default -> out.setAll(json);
        }
        return out;
    }

    private static void batch(ObjectNode out, ObjectNode json, String entryName) {
        out.set(entryName, json.path("Successful"));
        out.set("BatchResultErrorEntry", json.path("Failed"));
    }

    private static ArrayNode pairs(JsonNode map, String keyName, String valueName) {
        ArrayNode list = Json.array();
        map.fields().forEachRemaining(e -> list.addObject().put(keyName, e.getKey()).put(valueName, e.getValue().asText()));
        return list;
    }
}
