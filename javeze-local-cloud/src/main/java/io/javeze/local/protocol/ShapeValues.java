package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javeze.local.http.AwsException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Scalars between their text on the wire (query parameters, URI labels, headers, XML elements) and their typed
 * value in a shaped document: numbers and booleans as JSON numbers and booleans, timestamps as epoch seconds,
 * blobs as bytes.
 */
public final class ShapeValues {
    private ShapeValues() {}

    /** The typed value of {@code text} for a scalar shape; a value that does not parse is the caller's error. */
    public static JsonNode fromText(Shape shape, String text, String memberName, String timestampFormat) {
        try {
            return switch (shape.type()) {
                case "integer" -> IntNode.valueOf(Integer.parseInt(text.trim()));
                case "long" -> LongNode.valueOf(Long.parseLong(text.trim()));
                case "float", "double" -> DoubleNode.valueOf(Double.parseDouble(text.trim()));
                case "boolean" -> BooleanNode.valueOf(parseBoolean(text));
                case "timestamp" -> epochSeconds(parseTimestamp(text.trim(), timestampFormat));
                case "blob" -> BinaryNode.valueOf(Base64.getMimeDecoder().decode(text));
                default -> TextNode.valueOf(text);
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw AwsException.validation("1 validation error detected: Value '" + text + "' at '" + lower(memberName)
                    + "' failed to satisfy constraint: Member must be of type " + shape.type());
        }
    }

    /** The wire text of a typed scalar; timestamps in {@code format} (iso8601, rfc822 or unixTimestamp). */
    public static String toText(Shape shape, JsonNode value, String format) {
        return switch (shape.type()) {
            case "timestamp" -> formatTimestamp(toInstant(value), format);
            case "blob" -> Base64.getEncoder().encodeToString(bytes(value));
            case "boolean" -> String.valueOf(value.asBoolean());
            default -> value.asText();
        };
    }

    public static byte[] bytes(JsonNode value) {
        try {
            return value.binaryValue() != null ? value.binaryValue() : value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw AwsException.validation("Value is not valid base64: " + e.getMessage());
        }
    }

    /** A timestamp member's value: epoch seconds (a number) or, as services sometimes keep them, ISO-8601 text. */
    public static Instant toInstant(JsonNode value) {
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        return parseTimestamp(value.asText(), "iso8601");
    }

    public static JsonNode epochSeconds(Instant t) {
        if (t.getNano() == 0) {
            return LongNode.valueOf(t.getEpochSecond());
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).stripTrailingZeros());
    }

    private static Instant parseTimestamp(String text, String format) {
        if ("unixTimestamp".equals(format) || text.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(text);
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        if ("rfc822".equals(format) || Character.isLetter(text.charAt(0))) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                ? text : text + "Z", Instant::from);
    }

    private static String formatTimestamp(Instant t, String format) {
        if ("unixTimestamp".equals(format)) {
            return epochSeconds(t).asText();
        }
        if ("rfc822".equals(format)) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
        }
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(text);
    }

    static String lower(String s) {
        return s == null || s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
