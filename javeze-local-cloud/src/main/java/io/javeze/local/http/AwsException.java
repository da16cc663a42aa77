package io.javeze.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An AWS error: the HTTP status and the error code the service's protocol carries. */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean senderFault;
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    public AwsException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.senderFault = status < 500;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean senderFault() {
        return senderFault;
    }

    /** A member of the error's shape beyond code and message (DynamoDB's CancellationReasons, Item), for JSON protocols. */
    public AwsException with(String field, JsonNode value) {
        fields.put(field, value);
        return this;
    }

    public Map<String, JsonNode> fields() {
        return fields;
    }

    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterValueException", message);
    }
}
