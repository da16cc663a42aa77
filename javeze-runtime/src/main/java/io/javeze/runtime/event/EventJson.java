package io.javeze.runtime.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the events Lambda hands a generated handler and writes its answers, with Jackson's streaming parser and
 * generator: no reflection, no event library, only the fields javeze binds (everything else is skipped).
 */
public final class EventJson {
    /** The streams belong to the caller (the Lambda runtime): flushed, never closed. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private EventJson() {}

    public static HttpEvent readHttp(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (!startObject(p)) return HttpEvent.EMPTY;
            String routeKey = null, rawPath = null, rawQuery = null, body = null;
            String requestId = null, method = null, sourceIp = null;
            List<String> cookies = null;
            Map<String, String> headers = null, query = null, path = null;
            Map<String, Object> authorizer = null;
            boolean base64 = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "routeKey" -> routeKey = text(p);
                    case "rawPath" -> rawPath = text(p);
                    case "rawQueryString" -> rawQuery = text(p);
                    case "cookies" -> cookies = stringList(p);
                    case "headers" -> headers = stringMap(p);
                    case "queryStringParameters" -> query = stringMap(p);
                    case "pathParameters" -> path = stringMap(p);
                    case "body" -> body = text(p);
                    case "isBase64Encoded" -> base64 = p.currentToken() == JsonToken.VALUE_TRUE;
                    case "requestContext" -> {
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            p.nextToken();
                            switch (inner) {
                                case "requestId" -> requestId = text(p);
                                case "http" -> {
                                    Map<String, String> http = stringMap(p);
                                    if (http != null) {
                                        method = http.get("method");
                                        sourceIp = http.get("sourceIp");
                                    }
                                }
                                case "authorizer" -> authorizer = lambdaAuthorizerContext(p);
                                default -> p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new HttpEvent(routeKey, rawPath, rawQuery, cookies, headers, query, path, body, base64,
                    requestId, method, sourceIp, authorizer);
        }
    }

    public static AuthEvent readAuth(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (!startObject(p)) return AuthEvent.EMPTY;
            String routeKey = null, routeArn = null, rawPath = null, requestId = null;
            List<String> identity = null;
            Map<String, String> headers = null, query = null, path = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "routeKey" -> routeKey = text(p);
                    case "routeArn" -> routeArn = text(p);
                    case "rawPath" -> rawPath = text(p);
                    case "identitySource" -> identity = stringList(p);
                    case "headers" -> headers = stringMap(p);
                    case "queryStringParameters" -> query = stringMap(p);
                    case "pathParameters" -> path = stringMap(p);
                    case "requestContext" -> {
                        Map<String, Object> context = anyMap(p);
                        if (context != null && context.get("requestId") instanceof String id) requestId = id;
                    }
                    default -> p.skipChildren();
                }
            }
            return new AuthEvent(routeKey, routeArn, rawPath, identity, headers, query, path, requestId);
        }
    }

    public static SqsEvent readSqs(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            List<SqsEvent.Message> records = new ArrayList<>();
            if (!startObject(p)) return new SqsEvent(records);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("Records") || p.currentToken() != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String id = null, body = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        p.nextToken();
                        switch (inner) {
                            case "messageId" -> id = text(p);
                            case "body" -> body = text(p);
                            default -> p.skipChildren();
                        }
                    }
                    records.add(new SqsEvent.Message(id, body));
                }
            }
            return new SqsEvent(records);
        }
    }

    /** {@code {"statusCode":..,"headers":{..},"cookies":[..],"body":..,"isBase64Encoded":..}}, nulls left out. */
    public static void writeHttp(HttpResponse response, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", response.statusCode());
            if (response.headers() != null) {
                g.writeObjectFieldStart("headers");
                for (var header : response.headers().entrySet()) g.writeStringField(header.getKey(), header.getValue());
                g.writeEndObject();
            }
            if (response.cookies() != null) {
                g.writeArrayFieldStart("cookies");
                for (String cookie : response.cookies()) g.writeString(cookie);
                g.writeEndArray();
            }
            if (response.body() != null) g.writeStringField("body", response.body());
            g.writeBooleanField("isBase64Encoded", response.isBase64Encoded());
            g.writeEndObject();
        }
    }

    /** A simple authorizer response, {@code {"isAuthorized":..,"context":{..}}}; context values are strings, numbers or booleans. */
    public static void writeAuth(boolean authorized, Map<String, Object> context, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("isAuthorized", authorized);
            g.writeObjectFieldStart("context");
            for (var value : context.entrySet()) {
                g.writeFieldName(value.getKey());
                g.writeObject(value.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** An SQS partial batch response, {@code {"batchItemFailures":[{"itemIdentifier":".."}]}}. */
    public static void writeBatchFailures(List<String> failedMessageIds, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("batchItemFailures");
            for (String id : failedMessageIds) {
                g.writeStartObject();
                g.writeStringField("itemIdentifier", id);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** False for an empty input or a JSON null: Lambda sends {@code null} when invoked without a payload. */
    private static boolean startObject(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) return false;
        if (first != JsonToken.START_OBJECT) throw new IOException("expected a JSON object event, got " + first);
        return true;
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t.isScalarValue()) return p.getText();
        p.skipChildren();
        return null;
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String value = text(p);
            if (value != null) map.put(name, value);
        }
        return map;
    }

    private static List<String> stringList(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<String> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String value = text(p);
            if (value != null) list.add(value);
        }
        return list;
    }

    /** {@code requestContext.authorizer}: only the Lambda authorizer's context ({@code lambda}) is bound. */
    private static Map<String, Object> lambdaAuthorizerContext(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, Object> lambda = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("lambda")) lambda = anyMap(p);
            else p.skipChildren();
        }
        return lambda;
    }

    private static Map<String, Object> anyMap(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.START_OBJECT ? objectValue(p) : skip(p);
    }

    private static Map<String, Object> skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static Map<String, Object> objectValue(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p));
        }
        return map;
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return objectValue(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(value(p));
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
