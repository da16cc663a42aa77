package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.nio.file.Path;

/**
 * A streaming blob's value that stays on disk: {@code length} bytes of {@code file} from {@code offset}. A provider puts
 * it in an output shape where the model has a streaming blob payload (S3's GetObject {@code Body}); the serializer
 * streams the region as the response body, so an object is never loaded whole. The file must not change meanwhile
 * (content-addressed blobs never do).
 */
public record BlobRegion(Path file, long offset, long length) {
    /** The region as a shaped-document value. */
    public JsonNode node() {
        return new POJONode(this);
    }

    /** The region a value stands for, or null when the value holds its bytes itself. */
    public static BlobRegion of(JsonNode value) {
        return value instanceof POJONode pojo && pojo.getPojo() instanceof BlobRegion region ? region : null;
    }
}
