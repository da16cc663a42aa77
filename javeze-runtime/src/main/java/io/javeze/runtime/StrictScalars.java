package io.javeze.runtime;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import java.io.IOException;
import java.util.Map;

/**
 * Number and boolean readers that reject values of another JSON type. jackson-jr on its own coerces
 * {@code "age": "old"} into 0, which would let a malformed request through as valid data.
 */
final class StrictScalars extends ReaderWriterProvider {
    private enum Kind { INTEGER, LONG, DOUBLE, BOOLEAN }

    private static final Map<Class<?>, Kind> KINDS = Map.of(
            int.class, Kind.INTEGER, Integer.class, Kind.INTEGER,
            long.class, Kind.LONG, Long.class, Kind.LONG,
            double.class, Kind.DOUBLE, Double.class, Kind.DOUBLE,
            boolean.class, Kind.BOOLEAN, Boolean.class, Kind.BOOLEAN);

    @Override
    public ValueReader findValueReader(JSONReader ctxt, Class<?> type) {
        Kind kind = KINDS.get(type);
        return kind == null ? null : new Reader(type, kind);
    }

    private static final class Reader extends ValueReader {
        private final Kind kind;

        Reader(Class<?> type, Kind kind) {
            super(type);
            this.kind = kind;
        }

        @Override
        public Object read(JSONReader reader, JsonParser p) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                if (_valueType.isPrimitive()) throw mismatch(p, "a " + _valueType.getName() + ", not null");
                return null;
            }
            switch (kind) {
                case INTEGER -> {
                    if (token == JsonToken.VALUE_NUMBER_INT) return p.getIntValue();
                    throw mismatch(p, "an integer");
                }
                case LONG -> {
                    if (token == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
                    throw mismatch(p, "an integer");
                }
                case DOUBLE -> {
                    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) return p.getDoubleValue();
                    throw mismatch(p, "a number");
                }
                default -> {
                    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) return token == JsonToken.VALUE_TRUE;
                    throw mismatch(p, "true or false");
                }
            }
        }

        private static JsonParseException mismatch(JsonParser p, String expected) throws IOException {
            return JsonFields.invalid(p, "must be " + expected + ", got " + _tokenDesc(p));
        }
    }
}
