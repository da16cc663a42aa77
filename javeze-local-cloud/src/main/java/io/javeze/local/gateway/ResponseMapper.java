package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a Lambda response to HTTP as API Gateway does for payload format 2.0 (and function URLs). */
final class ResponseMapper {

    private ResponseMapper() {}

    /** @return the HTTP response, or null when the payload is not a valid response (API Gateway answers 500) */
    static GatewayResponse fromV2(byte[] payload) {
        JsonNode node;
        try {
            node = EventBuilder.JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!node.isObject() || !node.has("statusCode")) {
            // the inferred format: any valid JSON without a statusCode is a 200 application/json body
            headers.put("content-type", List.of("application/json"));
            byte[] body = node.isTextual() ? node.asText().getBytes(StandardCharsets.UTF_8) : payload;
            return new GatewayResponse(200, headers, body);
        }
        JsonNode status = node.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            return null;
        }
        addHeaders(headers, node.get("headers"));
        addHeaders(headers, node.get("multiValueHeaders"));
        JsonNode cookies = node.get("cookies");
        if (cookies != null && cookies.isArray()) {
            List<String> setCookie = headers.computeIfAbsent("set-cookie", k -> new ArrayList<>());
            cookies.forEach(c -> setCookie.add(c.asText()));
        }
        byte[] body = new byte[0];
        JsonNode bodyNode = node.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
            if (node.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new GatewayResponse(status.asInt(), headers, body);
    }

    /** Payload format 1.0 has no inferred format: a response without a valid statusCode is an error. */
    static GatewayResponse fromV1(byte[] payload) {
        try {
            JsonNode node = EventBuilder.JSON.readTree(payload);
            if (node == null || !node.isObject() || !node.has("statusCode")) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return fromV2(payload);
    }

    private static void addHeaders(Map<String, List<String>> headers, JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(field -> {
            List<String> values = headers.computeIfAbsent(field.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>());
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else if (!field.getValue().isNull()) {
                values.add(field.getValue().asText());
            }
        });
    }

    static GatewayResponse message(int status, String message) {
        return json(status, "{\"message\":\"" + message + "\"}");
    }

    static GatewayResponse json(int status, String json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-type", List.of("application/json"));
        return new GatewayResponse(status, headers, json.getBytes(StandardCharsets.UTF_8));
    }
}
