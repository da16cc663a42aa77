package io.javeze.runtime;

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

    /** Decodes a JSON text; a problem is an {@link InvalidJsonException} naming it. */
    public static <T> T read(String json, Class<T> type) {
        try {
            T value = JSON_CODEC.beanFrom(type, json);
            if (value == null) throw new InvalidJsonException("expected a JSON value for " + type.getSimpleName() + ", got null");
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidJsonException.of(e);
        }
    }

    public static <T> List<T> readList(String json, Class<T> elementType) {
        try {
            List<T> value = JSON_CODEC.listOfFrom(elementType, json);
            if (value == null) throw new InvalidJsonException("expected a JSON array, got null");
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidJsonException.of(e);
        }
    }

    public static Map<String, Object> readMap(String json) {
        try {
            Map<String, Object> value = JSON_CODEC.mapFrom(json);
            if (value == null) throw new InvalidJsonException("expected a JSON object, got null");
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidJsonException.of(e);
        }
    }

    /** JSON that could not be decoded; the message names the problem and where, without the input. */
    public static final class InvalidJsonException extends RuntimeException {
        InvalidJsonException(String message) {
            super(message);
        }

        static InvalidJsonException of(Exception e) {
            if (e instanceof InvalidJsonException invalid) return invalid;
            String message = String.valueOf(e.getMessage());
            int failed = message.indexOf("Failed to create an instance of ");
            if (failed >= 0 && message.contains("(java.lang.IllegalArgumentException)")) {
                // jackson-jr passes null for a missing record component; the constructor call fails for primitives
                String type = message.substring(failed + 32).split(" ", 2)[0];
                type = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
                return new InvalidJsonException("a field of " + type + " with a primitive type (int, long, double, boolean) "
                        + "is missing; send it, or declare it with a boxed type to make it optional");
            }
            int source = message.indexOf("\n at [Source");
            if (source > 0) {
                int line = message.indexOf("line:", source);
                int end = message.indexOf(']', source);
                String where = line > 0 && end > line ? " (" + message.substring(line, end) + ")" : "";
                message = message.substring(0, source) + where;
            }
            return new InvalidJsonException(message.replace('\n', ' ').trim());
        }
    }
}
