package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the Lambda events API Gateway sends: payload formats 2.0 (also function URLs) and 1.0, and authorizer events. */
final class EventBuilder {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * @param rawPath    the path as the client sent it (for a named stage, with the stage prefix)
     * @param authorizer the {@code requestContext.authorizer} object, or null
     */
    record Target(String routeKey, String rawPath, String stage, String accountId, String apiId, String domainName,
                  Map<String, String> pathParameters, Map<String, String> stageVariables, JsonNode authorizer) {}

    private EventBuilder() {}

    static ObjectNode payloadV2(RequestFacts facts, Target target) {
        ObjectNode event = common(facts, target);
        byte[] body = facts.body();
        if (body.length > 0) {
            boolean text = isText(facts.header("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            putTail(event, target);
            event.put("isBase64Encoded", !text);
        } else {
            putTail(event, target);
            event.put("isBase64Encoded", false);
        }
        if (target.stageVariables() != null && !target.stageVariables().isEmpty()) {
            event.set("stageVariables", JSON.valueToTree(target.stageVariables()));
        }
        return event;
    }

    /** The payload format 1.0 event (REST API proxy shape) HTTP APIs send to integrations configured for 1.0. */
    static ObjectNode payloadV1(RequestFacts facts, Target target, String resourcePath) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        event.put("resource", resourcePath);
        event.put("path", target.rawPath());
        event.put("httpMethod", facts.request.method());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        facts.multiHeaders.forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(name);
            values.forEach(all::add);
        });
        if (!facts.cookies.isEmpty()) {
            headers.put("cookie", String.join("; ", facts.cookies));
            multiHeaders.putArray("cookie").add(String.join("; ", facts.cookies));
        }
        if (facts.query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode query = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            facts.query.forEach((name, values) -> {
                query.put(name, values.get(values.size() - 1));
                ArrayNode all = multiQuery.putArray(name);
                values.forEach(all::add);
            });
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", target.accountId());
        context.put("apiId", target.apiId());
        if (target.authorizer() != null) {
            context.set("authorizer", target.authorizer());
        }
        context.put("domainName", target.domainName());
        int dot = target.domainName().indexOf('.');
        context.put("domainPrefix", dot > 0 ? target.domainName().substring(0, dot) : target.domainName());
        context.put("extendedRequestId", facts.requestId);
        context.put("httpMethod", facts.request.method());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", facts.request.sourceIp());
        identity.put("userAgent", facts.header("user-agent") == null ? "" : facts.header("user-agent"));
        context.put("path", target.rawPath());
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", facts.requestId);
        context.put("requestTime", TIME.format(Instant.ofEpochMilli(facts.timeEpoch)));
        context.put("requestTimeEpoch", facts.timeEpoch);
        context.put("resourceId", target.routeKey());
        context.put("resourcePath", resourcePath);
        context.put("stage", target.stage());
        if (target.pathParameters() == null || target.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            event.set("pathParameters", JSON.valueToTree(target.pathParameters()));
        }
        event.set("stageVariables", target.stageVariables() == null || target.stageVariables().isEmpty()
                ? JSON.nullNode() : JSON.valueToTree(target.stageVariables()));
        byte[] body = facts.body();
        boolean text = isText(facts.header("content-type"));
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        }
        return event;
    }

    /** A REQUEST authorizer event, payload format 2.0: the request without its body, plus the identity. */
    static ObjectNode authorizerV2(RequestFacts facts, Target target, String routeArn, List<String> identity) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeArn", routeArn);
        ArrayNode identitySource = event.putArray("identitySource");
        identity.forEach(identitySource::add);
        ObjectNode common = common(facts, target);
        common.remove("version");
        event.setAll(common);
        putTail(event, target);
        if (target.stageVariables() != null && !target.stageVariables().isEmpty()) {
            event.set("stageVariables", JSON.valueToTree(target.stageVariables()));
        }
        return event;
    }

    /** A REQUEST authorizer event, payload format 1.0 (as REST APIs send it). */
    static ObjectNode authorizerV1(RequestFacts facts, Target target, String routeArn, List<String> identity,
                                   String resourcePath) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1.0");
        event.put("type", "REQUEST");
        event.put("methodArn", routeArn);
        event.put("identitySource", String.join(",", identity));
        event.put("authorizationToken", String.join(",", identity));
        event.put("resource", resourcePath);
        event.put("path", target.rawPath());
        event.put("httpMethod", facts.request.method());
        event.set("headers", JSON.valueToTree(facts.headers));
        ObjectNode query = JSON.createObjectNode();
        facts.query.forEach((k, v) -> query.put(k, v.get(v.size() - 1)));
        event.set("queryStringParameters", query);
        event.set("pathParameters", JSON.valueToTree(target.pathParameters() == null ? Map.of() : target.pathParameters()));
        event.set("stageVariables", JSON.valueToTree(target.stageVariables() == null ? Map.of() : target.stageVariables()));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", target.accountId());
        context.put("apiId", target.apiId());
        context.put("domainName", target.domainName());
        context.put("httpMethod", facts.request.method());
        context.put("path", target.rawPath());
        context.put("requestId", facts.requestId);
        context.put("resourcePath", resourcePath);
        context.put("stage", target.stage());
        context.putObject("identity").put("sourceIp", facts.request.sourceIp());
        return event;
    }

    private static ObjectNode common(RequestFacts facts, Target target) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", target.routeKey());
        event.put("rawPath", target.rawPath());
        event.put("rawQueryString", facts.rawQuery());
        if (!facts.cookies.isEmpty()) {
            ArrayNode cookies = event.putArray("cookies");
            facts.cookies.forEach(cookies::add);
        }
        ObjectNode headers = event.putObject("headers");
        facts.headers.forEach(headers::put);
        if (!facts.query.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            facts.query.forEach((name, values) -> query.put(name, String.join(",", values)));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", target.accountId());
        context.put("apiId", target.apiId());
        if (target.authorizer() != null) {
            context.set("authorizer", target.authorizer());
        }
        context.put("domainName", target.domainName());
        int dot = target.domainName().indexOf('.');
        context.put("domainPrefix", dot > 0 ? target.domainName().substring(0, dot) : target.domainName());
        ObjectNode http = context.putObject("http");
        http.put("method", facts.request.method());
        http.put("path", target.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", facts.request.sourceIp());
        http.put("userAgent", facts.header("user-agent") == null ? "" : facts.header("user-agent"));
        context.put("requestId", facts.requestId);
        context.put("routeKey", target.routeKey());
        context.put("stage", target.stage());
        context.put("time", TIME.format(Instant.ofEpochMilli(facts.timeEpoch)));
        context.put("timeEpoch", facts.timeEpoch);
        return event;
    }

    private static void putTail(ObjectNode event, Target target) {
        if (target.pathParameters() != null && !target.pathParameters().isEmpty()) {
            event.set("pathParameters", JSON.valueToTree(target.pathParameters()));
        }
    }

    /** Bodies API Gateway passes as text; everything else (and a body without content type) is base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/javascript")
                || type.equals("application/xml") || type.endsWith("+json") || type.endsWith("+xml");
    }
}
