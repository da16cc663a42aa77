package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The queue attributes a caller may set: which exist, their ranges, and the form SQS keeps them in. */
final class QueueAttributes {
    static final Map<String, String> DEFAULTS = Map.of(
            "VisibilityTimeout", "30", "MessageRetentionPeriod", "345600", "MaximumMessageSize", "262144",
            "DelaySeconds", "0", "ReceiveMessageWaitTimeSeconds", "0", "SqsManagedSseEnabled", "true");
    static final Set<String> SETTABLE = Set.of("VisibilityTimeout", "MessageRetentionPeriod", "MaximumMessageSize",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "RedriveAllowPolicy", "Policy", "FifoQueue",
            "ContentBasedDeduplication", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled",
            "DeduplicationScope", "FifoThroughputLimit");

    private QueueAttributes() {}

    /** The {@code Attributes} of a CreateQueue or SetQueueAttributes, validated, as SQS stores them. */
    static Map<String, String> parse(JsonNode attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        Json.stringMap(attributes).forEach((name, value) -> {
            if (!SETTABLE.contains(name)) {
                throw new AwsException(400, "InvalidAttributeName", "Unknown Attribute " + name + ".");
            }
            switch (name) {
                case "VisibilityTimeout" -> range(name, value, 0, 43200);
                case "MessageRetentionPeriod" -> range(name, value, 60, 1209600);
                case "MaximumMessageSize" -> range(name, value, 1024, 262144);
                case "DelaySeconds" -> range(name, value, 0, 900);
                case "ReceiveMessageWaitTimeSeconds" -> range(name, value, 0, 20);
                case "RedrivePolicy" -> value = redrivePolicy(value);
                case "Policy" -> {
                    try {
                        Json.MAPPER.readTree(value);
                    } catch (Exception e) {
                        throw new AwsException(400, "InvalidAttributeValue", "Invalid value for the parameter Policy.");
                    }
                }
                default -> { }
            }
            out.put(name, value);
        });
        return out;
    }

    /** As SQS keeps it: {@code maxReceiveCount} a number inside the JSON string, even when it was sent as a string. */
    private static String redrivePolicy(String value) {
        try {
            if (Json.MAPPER.readTree(value) instanceof ObjectNode p && p.path("deadLetterTargetArn").isTextual()) {
                int max = p.get("maxReceiveCount") == null ? 0 : Integer.parseInt(p.get("maxReceiveCount").asText());
                if (max >= 1) {
                    p.put("maxReceiveCount", max);
                    return p.toString();
                }
            }
        } catch (Exception e) {
            // reported below
        }
        throw new AwsException(400, "InvalidParameterValue", "Value " + value
                + " for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map"
                + " with deadLetterTargetArn and maxReceiveCount.");
    }

    private static void range(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new AwsException(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ".");
    }
}
