package io.javeze.local.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;

/**
 * Java records ↔ shaped documents: a record's components are the shape's members in lower camel case
 * ({@code apiId} ↔ {@code ApiId}); members the record does not declare are ignored, null components are left out.
 * Stores persist their records in the same form.
 */
public final class ShapedRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

    private ShapedRecords() {}

    /** The record a shaped document (an operation's input, a stored record) describes. */
    public static <T> T read(JsonNode document, Class<T> type) {
        try {
            return MAPPER.treeToValue(document, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AwsException.validation("Invalid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** The shaped document of a record: its non-null components by member name. */
    public static ObjectNode write(Object value) {
        return MAPPER.valueToTree(value);
    }
}
