package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.ShapeValues;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One message attribute ({@code MessageAttributeValue}): a data type and a string or a binary value. */
record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
    /** The {@code MessageAttributes} map of a request (binary values as bytes or base64 text), validated as SQS does. */
    static Map<String, MessageAttribute> fromShape(JsonNode map) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (map == null || !map.isObject()) {
            return out;
        }
        map.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String type = Json.text(v, "DataType");
            if (type == null || type.isEmpty()) {
                throw new AwsException(400, "InvalidParameterValue", "The message attribute '" + e.getKey() + "' must contain a non-empty "
                        + "message attribute type.");
            }
            byte[] binary = v.hasNonNull("BinaryValue") ? ShapeValues.bytes(v.get("BinaryValue")) : null;
            String string = Json.text(v, "StringValue");
            if (binary == null && string == null) {
                throw new AwsException(400, "InvalidParameterValue", "The message attribute '" + e.getKey() + "' must contain a non-empty "
                        + "message attribute value for message attribute type '" + type + "'.");
            }
            out.put(e.getKey(), new MessageAttribute(type, string, binary));
        });
        return Collections.unmodifiableMap(out);
    }

    /** As the model shapes it (binary values as {@link BinaryNode}), for an operation's output. */
    ObjectNode toShape() {
        ObjectNode o = Json.object();
        if (stringValue != null) {
            o.put("StringValue", stringValue);
        }
        if (binaryValue != null) {
            o.set("BinaryValue", BinaryNode.valueOf(binaryValue));
        }
        return o.put("DataType", dataType);
    }

    /** As the journal keeps it and SQS's JSON protocol writes it: binary values as base64 text. */
    ObjectNode toRecord() {
        ObjectNode o = Json.object().put("DataType", dataType);
        if (stringValue != null) {
            o.put("StringValue", stringValue);
        }
        if (binaryValue != null) {
            o.put("BinaryValue", Base64.getEncoder().encodeToString(binaryValue));
        }
        return o;
    }

    /** As a Lambda SQS event record carries it. */
    ObjectNode toEvent() {
        ObjectNode a = Json.object();
        if (stringValue != null) {
            a.put("stringValue", stringValue);
        }
        if (binaryValue != null) {
            a.put("binaryValue", Base64.getEncoder().encodeToString(binaryValue));
        }
        a.putArray("stringListValues");
        a.putArray("binaryListValues");
        return a.put("dataType", dataType);
    }
}
