package io.javeze.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records as JSON objects with their components in declaration order (jackson-jr alone sorts them by name), read
 * through the canonical constructor, so a missing component of a primitive type is an error naming its field path.
 * Enums read ignoring case, as query parameters do. jackson-jr reflects on beans the same way; this caches one
 * accessor list per record class (jackson-jr caches the reader and writer per class).
 */
final class RecordJson extends ReaderWriterProvider {

    @Override
    public ValueReader findValueReader(JSONReader ctxt, Class<?> type) {
        if (type.isRecord()) return new Reader(type);
        if (type.isEnum()) return new EnumReader(type);
        return null;
    }

    @Override
    public ValueWriter findValueWriter(JSONWriter ctxt, Class<?> type) {
        return type.isRecord() ? new Writer(type) : null;
    }

    private static Method[] accessors(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] out = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            out[i] = components[i].getAccessor();
            out[i].setAccessible(true);
        }
        return out;
    }

    private static final class Writer implements ValueWriter {
        private final Class<?> type;
        private final String[] names;
        private final Method[] accessors;

        Writer(Class<?> type) {
            this.type = type;
            this.accessors = accessors(type);
            this.names = new String[accessors.length];
            for (int i = 0; i < names.length; i++) names[i] = accessors[i].getName();
        }

        @Override
        public void writeValue(JSONWriter context, JsonGenerator g, Object value) throws IOException {
            g.writeStartObject();
            for (int i = 0; i < accessors.length; i++) {
                Object component;
                try {
                    component = accessors[i].invoke(value);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IOException("cannot read " + type.getSimpleName() + "." + names[i] + "()", e);
                }
                if (component instanceof Optional<?> optional) component = optional.orElse(null);
                if (component == null) continue; // as jackson-jr writes beans: absent, not null
                g.writeFieldName(names[i]);
                context.writeValue(component);
            }
            g.writeEndObject();
        }

        @Override
        public Class<?> valueType() {
            return type;
        }
    }

    private static final class Reader extends ValueReader {
        private final Constructor<?> constructor;
        private final RecordComponent[] components;
        private final Map<String, Integer> indexes = new HashMap<>();

        Reader(Class<?> type) {
            super(type);
            this.components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                indexes.put(components[i].getName(), i);
            }
            try {
                this.constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
            }
        }

        @Override
        public Object read(JSONReader reader, JsonParser p) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) return null;
            if (token != JsonToken.START_OBJECT) throw JsonFields.invalid(p, "must be a JSON object, got " + _tokenDesc(p));
            Object[] values = new Object[components.length];
            boolean[] seen = new boolean[components.length];
            for (token = p.nextToken(); token == JsonToken.FIELD_NAME; token = p.nextToken()) {
                Integer index = indexes.get(p.currentName());
                p.nextToken();
                if (index == null) {
                    p.skipChildren();
                    continue;
                }
                values[index] = component(reader, p, components[index]);
                seen[index] = values[index] != null;
            }
            for (int i = 0; i < components.length; i++) {
                Class<?> type = components[i].getType();
                if (type.isPrimitive() && !seen[i]) {
                    String parent = JsonFields.path(p);
                    String field = parent.equals("body") ? components[i].getName() : parent + "." + components[i].getName();
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "\"" + field + "\" is required (" + kind(type) + ")");
                }
                if (type == Optional.class && values[i] == null) values[i] = Optional.empty();
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                String message = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage() : "is not valid";
                throw new com.fasterxml.jackson.core.JsonParseException(p, "\"" + JsonFields.path(p) + "\" " + message);
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot create " + _valueType.getSimpleName(), e);
            }
        }

        private static Object component(JSONReader reader, JsonParser p, RecordComponent component) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL && !component.getType().isPrimitive()) return null;
            Class<?> raw = component.getType();
            Type generic = component.getGenericType();
            Type[] args = generic instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments() : new Type[0];
            if (raw == Optional.class) {
                return args.length == 1 && args[0] instanceof Class<?> element ? Optional.ofNullable(reader.readBean(element))
                        : Optional.ofNullable(reader.readValue());
            }
            if (java.util.Collection.class.isAssignableFrom(raw) && args.length == 1 && args[0] instanceof Class<?> element) {
                if (p.currentToken() != JsonToken.START_ARRAY) throw JsonFields.invalid(p, "must be a JSON array, got " + _tokenDesc(p));
                java.util.List<?> list = reader.readListOf(element);
                return java.util.Set.class.isAssignableFrom(raw) ? new java.util.LinkedHashSet<>(list) : list;
            }
            if (Map.class.isAssignableFrom(raw) && args.length == 2 && args[1] instanceof Class<?> element) {
                if (p.currentToken() != JsonToken.START_OBJECT) throw JsonFields.invalid(p, "must be a JSON object, got " + _tokenDesc(p));
                return reader.readMapOf(element);
            }
            return reader.readBean(raw);
        }

        private static String kind(Class<?> type) {
            if (type == boolean.class) return "true or false";
            if (type == double.class || type == float.class) return "a number";
            return "an integer";
        }
    }

    /** The constant whose name matches exactly, else ignoring case; anything else names the field and the choices. */
    private static final class EnumReader extends ValueReader {
        private final Object[] constants;

        EnumReader(Class<?> type) {
            super(type);
            this.constants = type.getEnumConstants();
        }

        @Override
        public Object read(JSONReader reader, JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) return null;
            String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText().trim() : null;
            if (text != null) {
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equals(text)) return constant;
                }
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(text)) return constant;
                }
            }
            StringBuilder names = new StringBuilder();
            for (Object constant : constants) {
                if (names.length() > 0) names.append(", ");
                names.append(((Enum<?>) constant).name());
            }
            String got = text == null ? _tokenDesc(p) : "\"" + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "\"";
            throw JsonFields.invalid(p, "must be one of " + names + ", got " + got);
        }
    }
}
