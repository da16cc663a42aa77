package io.javeze.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** JSON through jackson-jr: records, POJOs with getters/setters or public fields, collections and maps. */
public final class Json {
    private static final JSON JSON_CODEC = JSON.builder()
            .enable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .disable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY)
            .register(new JacksonJrExtension() {
                @Override
                protected void register(ExtensionContext context) {
                    context.insertProvider(new StrictScalars());
                    context.insertProvider(new RecordJson());
                    context.insertProvider(new JavaTimeJson());
                }
            })
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return JSON_CODEC.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Decodes a JSON text; a problem is an {@link InvalidJsonException} naming it and the field path. */
    public static <T> T read(String json, Class<T> type) {
        try (JsonParser p = parser(json)) {
            try {
                T value = JSON_CODEC.beanFrom(type, p);
                if (value == null) throw new InvalidJsonException("expected a JSON value, got null");
                return value;
            } catch (IOException | IllegalArgumentException e) {
                throw InvalidJsonException.of(e, p);
            }
        } catch (IOException e) {
            throw InvalidJsonException.of(e, null);
        }
    }

    public static <T> List<T> readList(String json, Class<T> elementType) {
        try (JsonParser p = parser(json)) {
            try {
                List<T> value = JSON_CODEC.listOfFrom(elementType, p);
                if (value == null) throw new InvalidJsonException("expected a JSON array, got null");
                return value;
            } catch (IOException | IllegalArgumentException e) {
                throw InvalidJsonException.of(e, p);
            }
        } catch (IOException e) {
            throw InvalidJsonException.of(e, null);
        }
    }

    public static Map<String, Object> readMap(String json) {
        try {
            Map<String, Object> value = JSON_CODEC.mapFrom(json);
            if (value == null) throw new InvalidJsonException("expected a JSON object, got null");
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidJsonException.of(e, null);
        }
    }

    private static JsonParser parser(String json) throws IOException {
        return JSON_CODEC.getStreamingFactory().createParser(json);
    }

    /** JSON that could not be decoded; the message names the problem and where, without the input. */
    public static final class InvalidJsonException extends RuntimeException {
        InvalidJsonException(String message) {
            super(message);
        }

        /**
         * The problem without the input and without Java class names: javeze's own readers already name the field
         * path; jackson-jr's binding errors (a wrong JSON type for a POJO or collection) get the parser's path.
         */
        static InvalidJsonException of(Exception e, JsonParser p) {
            if (e instanceof InvalidJsonException invalid) return invalid;
            String message = String.valueOf(e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage());
            String where = "";
            if (e instanceof com.fasterxml.jackson.core.JacksonException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                where = " (line: " + j.getLocation().getLineNr() + ", column: " + j.getLocation().getColumnNr() + ")";
            }
            if (e instanceof com.fasterxml.jackson.jr.ob.JSONObjectException && p != null) {
                String got = p.currentToken() == null ? "nothing" : switch (p.currentToken()) {
                    case START_OBJECT -> "an object";
                    case START_ARRAY -> "an array";
                    case VALUE_STRING -> "a string";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                    case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                    case VALUE_NULL -> "null";
                    default -> "the end of an object or array";
                };
                String expected = message.contains("START_ARRAY") || message.contains("List") ? "must be a JSON array"
                        : message.contains("out of JSON") || message.contains("instance of") ? "must be a JSON object" : "has the wrong type";
                return new InvalidJsonException("\"" + JsonFields.path(p) + "\" " + expected + ", got " + got + where);
            }
            return new InvalidJsonException(message.replace('\n', ' ').trim() + where);
        }
    }
}
