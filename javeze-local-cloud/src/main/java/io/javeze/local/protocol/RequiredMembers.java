package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;

/** The model's {@code required} members, checked on the parsed input before the provider runs, as AWS does. */
public final class RequiredMembers {
    private RequiredMembers() {}

    /**
     * Throws the service's validation error for the first required top-level member that is missing or null.
     *
     * @param errorCode the service's code: {@code ValidationException} (json, rest-json), {@code ValidationError}
     *                  (IAM, SNS, STS), {@code MissingParameter} (SQS), {@code InvalidRequest} (S3)
     */
    public static void check(Shape input, ObjectNode value, String errorCode) {
        if (input == null) {
            return;
        }
        for (JsonNode name : input.requiredMembers()) {
            JsonNode v = value.get(name.asText());
            if (v == null || v.isNull()) {
                throw new AwsException(400, errorCode, "1 validation error detected: Value null at '"
                        + ShapeValues.lower(name.asText()) + "' failed to satisfy constraint: Member must not be null");
            }
        }
    }
}
