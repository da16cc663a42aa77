package io.javeze.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a service operation answers; the handler writes it in the service's protocol. */
public final class AwsResponse {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;
    final String contentType;
    /** A file region sent as the body instead of {@link #body}: S3 objects are streamed from disk, never loaded whole. */
    final FileRegion file;

    record FileRegion(Path path, long offset, long length) {}

    private AwsResponse(int status, byte[] body, String contentType) {
        this(status, body, contentType, null);
    }

    private AwsResponse(int status, byte[] body, String contentType, FileRegion file) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.file = file;
    }

    public static AwsResponse json(int status, JsonNode node) {
        return new AwsResponse(status, Json.bytes(node), "application/json");
    }

    public static AwsResponse json(JsonNode node) {
        return json(200, node);
    }

    public static AwsResponse empty(int status) {
        return new AwsResponse(status, new byte[0], null);
    }

    public static AwsResponse bytes(int status, byte[] body, String contentType) {
        return new AwsResponse(status, body, contentType);
    }

    /** {@code length} bytes of {@code path} from {@code offset}, streamed; the file must not change meanwhile. */
    public static AwsResponse file(int status, Path path, long offset, long length, String contentType) {
        return new AwsResponse(status, new byte[0], contentType, new FileRegion(path, offset, length));
    }

    /**
     * XML from a tree: objects become elements, arrays become repeated elements named after their field
     * (wrap lists in an object with a {@code member} field for AWS's wrapped lists).
     */
    public static AwsResponse xml(int status, String rootName, JsonNode tree) {
        return new AwsResponse(status, Xml.write(rootName, tree).getBytes(StandardCharsets.UTF_8), "text/xml");
    }

    public AwsResponse header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
