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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ISO-8601 strings for java.time values and plain values for {@code Optional}, as Jackson's usual modules do;
 * jackson-jr on its own writes them as beans ({@code {"epochSecond": ...}}) and cannot read them.
 */
final class JavaTimeJson extends ReaderWriterProvider {
    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.of(
            Instant.class, Instant::parse,
            LocalDate.class, LocalDate::parse,
            LocalDateTime.class, LocalDateTime::parse,
            LocalTime.class, LocalTime::parse,
            OffsetDateTime.class, OffsetDateTime::parse,
            ZonedDateTime.class, ZonedDateTime::parse,
            Duration.class, Duration::parse);

    @Override
    public ValueReader findValueReader(JSONReader ctxt, Class<?> type) {
        Function<String, Object> parser = PARSERS.get(type);
        return parser == null ? null : new IsoReader(type, parser);
    }

    @Override
    public ValueWriter findValueWriter(JSONWriter ctxt, Class<?> type) {
        if (PARSERS.containsKey(type)) return new IsoWriter(type);
        if (type == Optional.class) return new OptionalWriter();
        return null;
    }

    private static final class IsoReader extends ValueReader {
        private final Function<String, Object> parser;

        IsoReader(Class<?> type, Function<String, Object> parser) {
            super(type);
            this.parser = parser;
        }

        /** What the client is asked for, in ISO-8601's words rather than Java's. */
        private String what() {
            if (_valueType == LocalDate.class) return "date";
            if (_valueType == LocalTime.class) return "time";
            if (_valueType == LocalDateTime.class) return "local date-time";
            if (_valueType == Duration.class) return "duration";
            return "date-time";
        }

        @Override
        public Object read(JSONReader reader, JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) return null;
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonFields.invalid(p, "must be an ISO-8601 " + what() + " string, got " + _tokenDesc(p));
            }
            try {
                return parser.apply(p.getText());
            } catch (DateTimeParseException e) {
                throw JsonFields.invalid(p, "must be an ISO-8601 " + what() + ", got \"" + p.getText() + "\"");
            }
        }
    }

    private record IsoWriter(Class<?> valueType) implements ValueWriter {
        @Override
        public void writeValue(JSONWriter context, JsonGenerator g, Object value) throws IOException {
            g.writeString(value.toString());
        }
    }

    private static final class OptionalWriter implements ValueWriter {
        @Override
        public void writeValue(JSONWriter context, JsonGenerator g, Object value) throws IOException {
            context.writeValue(((Optional<?>) value).orElse(null));
        }

        @Override
        public Class<?> valueType() {
            return Optional.class;
        }
    }
}
