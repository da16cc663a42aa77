package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;

/** IAM-style pagination over a sorted list: the marker is the index of the next item. */
record Page(int from, int to, int total) {

    /** The page an input's {@code Marker} and {@code MaxItems} ask for. */
    static Page of(int total, JsonNode in, int defaultMax) {
        int from = 0;
        int max = in.path("MaxItems").asInt(defaultMax);
        String marker = in.path("Marker").asText(null);
        if (marker != null) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                throw new AwsException(400, "ValidationError", "Invalid Marker: " + marker);
            }
        }
        if (max < 1 || max > 1000 || from < 0) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: MaxItems must be between 1 and 1000");
        }
        from = Math.min(from, total);
        return new Page(from, Math.min(total, from + max), total);
    }

    ObjectNode finish(ObjectNode out) {
        out.put("IsTruncated", to < total);
        if (to < total) {
            out.put("Marker", Integer.toString(to));
        }
        return out;
    }
}
