package io.javeze.cli.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javeze.config.JavezeException;
import java.io.IOException;

/** JSON the user typed or pointed at, checked before anything is sent: a mistake names where and at which position. */
final class JsonInput {
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private JsonInput() {}

    /** @param where the flag or file, e.g. {@code --payload} */
    static JsonNode parse(String where, byte[] text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JavezeException(where + ": empty; an event is JSON, e.g. {}");
            }
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new JavezeException(where + ": malformed JSON" + position + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JavezeException(where + ": cannot read: " + e.getMessage(), e);
        }
    }

    static boolean isJson(String text) {
        try {
            return JSON.readTree(text) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
