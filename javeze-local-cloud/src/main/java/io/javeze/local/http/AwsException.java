package io.javeze.local.http;

/** An AWS error: the HTTP status and the error code the service's protocol carries. */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    private final boolean senderFault;

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

    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException(400, "InvalidParameterValueException", message);
    }
}
