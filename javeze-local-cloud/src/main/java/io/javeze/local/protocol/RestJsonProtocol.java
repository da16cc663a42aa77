package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS's rest-json protocol (API Gateway v2, Lambda, Scheduler), driven only by the model's traits: members bound to
 * the URI, the query string and headers, the operation's payload member or the JSON body (keys are the members'
 * {@code locationName}s, the shaped document uses the model's member names), timestamps in the format the member or
 * its shape names (body default: epoch seconds; headers: RFC 822; query: ISO 8601).
 */
public final class RestJsonProtocol implements WireProtocol {
    @Override
    public ObjectNode parse(ServiceModel.Operation operation, WireRequest request) {
        ObjectNode input = Json.object();
        Shape shape = operation.input();
        if (shape == null) {
            return input;
        }
        String payload = shape.payload();
        if (payload != null) {
            readPayload(shape.member(payload), request.body(), input);
        } else if (request.body().length > 0) {
            JsonNode body = Json.parse(request.body());
            if (!body.isObject()) {
                throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
            }
            for (Shape.Member m : shape.members().values()) {
                JsonNode v = body.get(m.wireName());
                if (m.location() == null && v != null && !v.isNull()) {
                    input.set(m.name(), read(m.shape(), v, m.timestampFormat(), m.name()));
                }
            }
        }
        for (Shape.Member m : shape.members().values()) {
            String location = m.location();
            if (location != null) {
                JsonNode v = switch (location) {
                    case "uri" -> text(m, request.pathParams().get(m.wireName()), "iso8601");
                    case "querystring" -> query(shape, m, request.query());
                    case "header" -> header(m, request.header(m.wireName().toLowerCase(Locale.ROOT)));
                    case "headers" -> prefixedHeaders(m, request.headers());
                    default -> null;
                };
                if (v != null) {
                    input.set(m.name(), v);
                }
            }
        }
        RequiredMembers.check(shape, input, validationCode(shape));
        return input;
    }

    /** ValidationException, or the service's own code where its model has no such shape (API Gateway: BadRequestException). */
    private static String validationCode(Shape shape) {
        ServiceModel model = shape.model();
        return !model.hasShape("ValidationException") && model.hasShape("BadRequestException")
                ? "BadRequestException" : "ValidationException";
    }

    private static void readPayload(Shape.Member m, byte[] body, ObjectNode input) {
        switch (m.shape().type()) {
            case "blob" -> {
                if (body.length > 0) {
                    input.set(m.name(), BinaryNode.valueOf(body));
                }
            }
            case "string" -> {
                if (body.length > 0) {
                    input.put(m.name(), new String(body, StandardCharsets.UTF_8));
                }
            }
            default -> {
                if (body.length > 0) {
                    input.set(m.name(), read(m.shape(), Json.parse(body), m.timestampFormat(), m.name()));
                }
            }
        }
    }

    private static JsonNode text(Shape.Member m, String text, String defaultTimestampFormat) {
        if (text == null) {
            return null;
        }
        String format = m.timestampFormat();
        return ShapeValues.fromText(m.shape(), text, m.name(), format == null ? defaultTimestampFormat : format);
    }

    private static JsonNode query(Shape input, Shape.Member m, Map<String, List<String>> query) {
        Shape shape = m.shape();
        if ("map".equals(shape.type())) { // every query parameter no other member claims
            ObjectNode map = Json.object();
            Shape.Member value = shape.mapValue();
            query.forEach((k, vs) -> {
                if (!claimed(input, k)) {
                    if ("list".equals(value.shape().type())) {
                        ArrayNode list = map.putArray(k);
                        vs.forEach(v -> list.add(text(value.shape().listMember(), v, "iso8601")));
                    } else {
                        map.set(k, text(value, vs.get(0), "iso8601"));
                    }
                }
            });
            return map.isEmpty() ? null : map;
        }
        List<String> values = query.get(m.wireName());
        if (values == null || values.isEmpty()) {
            return null;
        }
        if ("list".equals(shape.type())) {
            ArrayNode list = Json.array();
            Shape.Member element = shape.listMember();
            values.forEach(v -> list.add(text(element, v, "iso8601")));
            return list;
        }
        return text(m, values.get(0), "iso8601");
    }

    /** A query key bound to a named member of the input. */
    private static boolean claimed(Shape input, String key) {
        for (Shape.Member m : input.members().values()) {
            if ("querystring".equals(m.location()) && !"map".equals(m.shape().type()) && m.wireName().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode header(Shape.Member m, String value) {
        if (value == null) {
            return null;
        }
        if (m.jsonValue()) {
            try {
                return TextNode.valueOf(new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AwsException.validation("1 validation error detected: Value at '" + ShapeValues.lower(m.name())
                        + "' failed to satisfy constraint: Member must be base64-encoded JSON");
            }
        }
        if ("list".equals(m.shape().type())) {
            ArrayNode list = Json.array();
            for (String part : value.split(",")) {
                list.add(text(m.shape().listMember(), part.trim(), "rfc822"));
            }
            return list;
        }
        return text(m, value, "rfc822");
    }

    private static JsonNode prefixedHeaders(Shape.Member m, Map<String, List<String>> headers) {
        String prefix = m.wireName().toLowerCase(Locale.ROOT);
        ObjectNode map = Json.object();
        headers.forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && !values.isEmpty()) {
                map.put(name.substring(prefix.length()), values.get(0));
            }
        });
        return map.isEmpty() ? null : map;
    }

    /** A structure as the JSON body carries it (locationName keys, ISO or epoch timestamps), as a shaped document. */
    public static ObjectNode fromWire(Shape shape, JsonNode json) {
        return (ObjectNode) read(shape, json, null, shape.name());
    }

    /** A JSON body value as the shaped document holds it; a value of the wrong type is the caller's error. */
    static JsonNode read(Shape shape, JsonNode v, String timestampFormat, String path) {
        switch (shape.type()) {
            case "structure" -> {
                requireType(v.isObject(), shape, v, path);
                ObjectNode out = Json.object();
                for (Shape.Member m : shape.members().values()) {
                    JsonNode child = v.get(m.wireName());
                    if (child != null && !child.isNull()) {
                        out.set(m.name(), read(m.shape(), child, m.timestampFormat(), path + "." + m.name()));
                    }
                }
                return out;
            }
            case "list" -> {
                requireType(v.isArray(), shape, v, path);
                ArrayNode out = Json.array();
                Shape.Member element = shape.listMember();
                int i = 0;
                for (JsonNode e : v) {
                    out.add(e.isNull() ? e : read(element.shape(), e, element.timestampFormat(), path + "." + (++i)));
                }
                return out;
            }
            case "map" -> {
                requireType(v.isObject(), shape, v, path);
                ObjectNode out = Json.object();
                Shape.Member value = shape.mapValue();
                v.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue().isNull() ? e.getValue()
                        : read(value.shape(), e.getValue(), value.timestampFormat(), path + "." + e.getKey())));
                return out;
            }
            case "integer" -> {
                requireType(v.canConvertToInt() && v.isIntegralNumber(), shape, v, path);
                return v;
            }
            case "long" -> {
                requireType(v.canConvertToLong() && v.isIntegralNumber(), shape, v, path);
                return v;
            }
            case "float", "double" -> {
                requireType(v.isNumber(), shape, v, path);
                return v;
            }
            case "boolean" -> {
                requireType(v.isBoolean(), shape, v, path);
                return v;
            }
            case "timestamp" -> {
                if (v.isNumber()) {
                    return v;
                }
                requireType(v.isTextual(), shape, v, path);
                return ShapeValues.fromText(shape, v.asText(), path, timestampFormat);
            }
            case "blob" -> {
                requireType(v.isTextual(), shape, v, path);
                return ShapeValues.fromText(shape, v.asText(), path, null);
            }
            case "string" -> {
                requireType(v.isTextual(), shape, v, path);
                return v;
            }
            default -> {
                return v.deepCopy();
            }
        }
    }

    private static void requireType(boolean ok, Shape shape, JsonNode v, String path) {
        if (!ok) {
            throw new AwsException(400, "SerializationException", "1 validation error detected: Value '" + v
                    + "' at '" + ShapeValues.lower(path) + "' failed to satisfy constraint: Member must be of type "
                    + shape.type());
        }
    }

    @Override
    public AwsResponse serialize(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId) {
        Shape shape = operation.output();
        ObjectNode out = output == null ? Json.object() : output;
        if (shape == null) {
            return AwsResponse.bytes(operation.responseCode(), new byte[0], null);
        }
        int status = operation.responseCode();
        for (Shape.Member m : shape.members().values()) {
            if ("statusCode".equals(m.location()) && out.hasNonNull(m.name())) {
                status = out.get(m.name()).asInt();
            }
        }
        String payload = shape.payload();
        final AwsResponse response;
        if (payload != null) {
            response = payloadResponse(shape.member(payload), out.get(payload), status);
        } else {
            ObjectNode body = Json.object();
            for (Shape.Member m : shape.members().values()) {
                JsonNode v = out.get(m.name());
                if (m.location() == null && v != null && !v.isNull()) {
                    body.set(m.wireName(), write(m.shape(), v, m.timestampFormat()));
                }
            }
            response = AwsResponse.bytes(status, Json.bytes(body), "application/json");
        }
        for (Shape.Member m : shape.members().values()) {
            JsonNode v = out.get(m.name());
            if (m.location() == null || v == null || v.isNull()) {
                continue;
            }
            switch (m.location()) {
                case "header" -> response.header(m.wireName(), headerText(m, v));
                case "headers" -> v.fields().forEachRemaining(e -> response.header(m.wireName() + e.getKey(), e.getValue().asText()));
                default -> { }
            }
        }
        return response;
    }

    private static AwsResponse payloadResponse(Shape.Member m, JsonNode v, int status) {
        if (v == null || v.isNull()) {
            return AwsResponse.bytes(status, new byte[0], null);
        }
        return switch (m.shape().type()) {
            case "blob" -> AwsResponse.bytes(status, ShapeValues.bytes(v), "application/octet-stream");
            case "string" -> AwsResponse.bytes(status, v.asText().getBytes(StandardCharsets.UTF_8), "text/plain");
            default -> AwsResponse.bytes(status, Json.bytes(write(m.shape(), v, m.timestampFormat())), "application/json");
        };
    }

    private static String headerText(Shape.Member m, JsonNode v) {
        if (m.jsonValue()) {
            String json = v.isTextual() ? v.asText() : v.toString();
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
        if ("list".equals(m.shape().type())) {
            StringBuilder s = new StringBuilder();
            for (JsonNode e : v) {
                s.append(s.length() > 0 ? "," : "").append(ShapeValues.toText(m.shape().listMember().shape(), e, "rfc822"));
            }
            return s.toString();
        }
        String format = m.timestampFormat();
        return ShapeValues.toText(m.shape(), v, format == null ? "rfc822" : format);
    }

    /** A shaped-document value as the JSON body carries it: locationName keys, the model's scalar types. */
    static JsonNode write(Shape shape, JsonNode v, String timestampFormat) {
        switch (shape.type()) {
            case "structure" -> {
                if (!v.isObject()) {
                    return v;
                }
                ObjectNode out = Json.object();
                for (Shape.Member m : shape.members().values()) {
                    JsonNode child = v.get(m.name());
                    if (child != null && !child.isNull()) {
                        out.set(m.wireName(), write(m.shape(), child, m.timestampFormat()));
                    }
                }
                return out;
            }
            case "list" -> {
                ArrayNode out = Json.array();
                Shape.Member element = shape.listMember();
                for (JsonNode e : v) {
                    out.add(write(element.shape(), e, element.timestampFormat()));
                }
                return out;
            }
            case "map" -> {
                ObjectNode out = Json.object();
                Shape.Member value = shape.mapValue();
                v.fields().forEachRemaining(e -> out.set(e.getKey(), write(value.shape(), e.getValue(), value.timestampFormat())));
                return out;
            }
            case "timestamp" -> {
                // a double's shortest decimal form, not its binary expansion: 1.5e9 + 0.123 stays .123
                var instant = ShapeValues.toInstant(v.isDouble() ? DecimalNode.valueOf(BigDecimal.valueOf(v.doubleValue())) : v);
                return timestampFormat == null || "unixTimestamp".equals(timestampFormat)
                        ? ShapeValues.epochSeconds(instant)
                        : TextNode.valueOf(ShapeValues.toText(shape, v, timestampFormat));
            }
            case "blob" -> {
                return TextNode.valueOf(ShapeValues.toText(shape, v, null));
            }
            case "integer", "long" -> {
                return v.isTextual() ? ShapeValues.fromText(shape, v.asText(), shape.name(), null) : v;
            }
            case "float", "double" -> {
                return v.isTextual() ? ShapeValues.fromText(shape, v.asText(), shape.name(), null) : v;
            }
            case "boolean" -> {
                return v.isTextual() ? ShapeValues.fromText(shape, v.asText(), shape.name(), null) : v;
            }
            case "string" -> {
                return v.isTextual() ? v : TextNode.valueOf(v.isContainerNode() ? v.toString() : v.asText());
            }
            default -> {
                return v;
            }
        }
    }
}
