package io.javeze.local.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The error payloads Lambda returns for failures that happen outside the function's own code. */
final class LambdaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrors() {}

    static byte[] error(String errorType, String errorMessage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorType", errorType);
        node.put("errorMessage", errorMessage);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] timedOut(String requestId, int timeoutSeconds) {
        return error("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) timeoutSeconds) + " seconds");
    }

    static byte[] exited(String requestId, int exitCode) {
        return error("Runtime.ExitError", "RequestId: " + requestId
                + " Error: Runtime exited with error: exit status " + exitCode);
    }

    static byte[] invalidPackage(String detail) {
        return error("InvalidZipFileException", "Could not unzip uploaded file: " + detail);
    }

    static byte[] invalidEntrypoint(String requestId, String detail) {
        return error("Runtime.InvalidEntrypoint", "RequestId: " + requestId + " Error: " + detail);
    }

    static byte[] unsupportedRuntime(String detail) {
        return error("Runtime.InvalidRuntime", detail);
    }

    static byte[] throttled(String functionName, int maxInstances) {
        return error("TooManyRequestsException", "Rate Exceeded. " + functionName
                + " already runs " + maxInstances + " busy instances (the local cloud's per-function limit)");
    }
}
