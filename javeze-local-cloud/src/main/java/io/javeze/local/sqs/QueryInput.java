package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.Json;
import java.util.List;
import java.util.Map;

/** Turns SQS query-protocol parameters into the JSON protocol's request shape, so one implementation serves both. */
final class QueryInput {
    private static final List<String> SCALARS = List.of("QueueName", "QueueUrl", "MessageBody", "DelaySeconds", "ReceiptHandle",
            "VisibilityTimeout", "MaxNumberOfMessages", "WaitTimeSeconds", "QueueNamePrefix", "MaxResults", "NextToken",
            "ReceiveRequestAttemptId", "MessageGroupId", "MessageDeduplicationId");
    private static final List<String> INTS = List.of("DelaySeconds", "VisibilityTimeout", "MaxNumberOfMessages", "WaitTimeSeconds",
            "MaxResults");

    private QueryInput() {}

    static ObjectNode toJson(AwsCall call) {
        ObjectNode in = Json.object();
        for (String s : SCALARS) {
            if (call.param(s) != null) {
                if (INTS.contains(s)) {
                    in.put(s, parseOrInvalid(call.param(s)));
                } else {
                    in.put(s, call.param(s));
                }
            }
        }
        ObjectNode attributes = call.map("Attribute", "Name", "Value");
        if (attributes.size() > 0) {
            in.set("Attributes", attributes);
        }
        ObjectNode tags = call.map("Tag", "Key", "Value");
        if (tags.size() > 0) {
            in.set("Tags", tags);
        }
        scalarList(call, in, "AttributeName", "AttributeNames");
        scalarList(call, in, "MessageAttributeName", "MessageAttributeNames");
        scalarList(call, in, "TagKey", "TagKeys");
        ObjectNode messageAttributes = messageAttributes(call.list("MessageAttribute"));
        if (messageAttributes.size() > 0) {
            in.set("MessageAttributes", messageAttributes);
        }
        for (String prefix : List.of("SendMessageBatchRequestEntry", "DeleteMessageBatchRequestEntry",
                "ChangeMessageVisibilityBatchRequestEntry")) {
            List<Map<String, String>> entries = call.list(prefix);
            if (!entries.isEmpty()) {
                ArrayNode array = in.putArray("Entries");
                for (Map<String, String> e : entries) {
                    ObjectNode entry = array.addObject();
                    e.forEach((k, v) -> {
                        if (!k.startsWith("MessageAttribute.")) {
                            if (INTS.contains(k)) {
                                entry.put(k, parseOrInvalid(v));
                            } else {
                                entry.put(k, v);
                            }
                        }
                    });
                    ObjectNode attrs = messageAttributes(nested(e, "MessageAttribute"));
                    if (attrs.size() > 0) {
                        entry.set("MessageAttributes", attrs);
                    }
                }
            }
        }
        return in;
    }

    /** Unparseable numbers become -1, which every numeric parameter rejects with SQS's InvalidParameterValue. */
    private static int parseOrInvalid(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void scalarList(AwsCall call, ObjectNode in, String prefix, String field) {
        List<Map<String, String>> items = call.list(prefix);
        if (!items.isEmpty()) {
            ArrayNode a = in.putArray(field);
            items.forEach(i -> a.add(i.get("")));
        }
    }

    /** {@code MessageAttribute.N.Name / .Value.StringValue / .Value.BinaryValue / .Value.DataType}. */
    private static ObjectNode messageAttributes(List<Map<String, String>> items) {
        ObjectNode out = Json.object();
        for (Map<String, String> a : items) {
            if (a.get("Name") == null) {
                continue;
            }
            ObjectNode v = out.putObject(a.get("Name"));
            v.put("DataType", a.getOrDefault("Value.DataType", "String"));
            if (a.containsKey("Value.StringValue")) {
                v.put("StringValue", a.get("Value.StringValue"));
            }
            if (a.containsKey("Value.BinaryValue")) {
                v.put("BinaryValue", a.get("Value.BinaryValue"));
            }
        }
        return out;
    }

    private static List<Map<String, String>> nested(Map<String, String> entry, String prefix) {
        java.util.TreeMap<Integer, Map<String, String>> items = new java.util.TreeMap<>();
        entry.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                String rest = k.substring(prefix.length() + 1);
                int dot = rest.indexOf('.');
                int index = dot > 0 ? parseOrInvalid(rest.substring(0, dot)) : -1;
                if (index >= 0) {
                    items.computeIfAbsent(index, x -> new java.util.TreeMap<>()).put(rest.substring(dot + 1), v);
                }
            }
        });
        return List.copyOf(items.values());
    }
}
