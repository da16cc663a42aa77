package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.exec.InvocationResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Lambda REQUEST authorizers of HTTP APIs. Fails closed: a missing identity is 401 without invoking, a denial 403,
 * and an authorizer that errors, is not permitted or answers something unreadable is 500.
 */
final class LambdaAuthorizers {

    /** The outcome: either a denial response to send, or the context to pass to the route's event. */
    record Verdict(GatewayResponse denial, JsonNode context) {
        boolean allowed() {
            return denial == null;
        }
    }

    private record Cached(Verdict verdict, long expiresAtMillis) {}

    private final ServiceInvoker invoker;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    LambdaAuthorizers(ServiceInvoker invoker) {
        this.invoker = invoker;
    }

    Verdict authorize(HttpApiView api, HttpApiView.Authorizer authorizer, RequestFacts facts, EventBuilder.Target target,
                      String routeArn, String resourcePath) {
        List<String> identity = new ArrayList<>();
        for (String source : authorizer.identitySources()) {
            String value = resolve(source, facts, target);
            if (value == null || value.isEmpty()) {
                return new Verdict(ResponseMapper.message(401, "Unauthorized"), null);
            }
            identity.add(value);
        }
        boolean cacheable = authorizer.resultTtlSeconds() > 0 && !identity.isEmpty();
        String cacheKey = api.apiId() + "\n" + authorizer.authorizerId() + "\n" + String.join("\n", identity);
        if (cacheable) {
            Cached cached = cache.get(cacheKey);
            if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis()) {
                return cached.verdict();
            }
        }
        boolean v1 = "1.0".equals(authorizer.payloadFormatVersion());
        ObjectNode event = v1
                ? EventBuilder.authorizerV1(facts, target, routeArn, identity, resourcePath)
                : EventBuilder.authorizerV2(facts, target, routeArn, identity);
        InvocationResult result;
        try {
            result = invoker.invoke(authorizer.authorizerUri(), "apigateway.amazonaws.com",
                    "arn:aws:execute-api:" + api.region() + ":" + api.accountId() + ":" + api.apiId()
                            + "/authorizers/" + authorizer.authorizerId(),
                    EventBuilder.JSON.writeValueAsBytes(event));
        } catch (ServiceInvoker.NotPermittedException | ServiceInvoker.FunctionNotFoundException e) {
            return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (result.failed()) {
            return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
        }
        Verdict verdict = interpret(result.payload(), authorizer.enableSimpleResponses() && !v1, routeArn);
        if (cacheable && (verdict.allowed() || verdict.denial().status() == 403)) {
            cache.put(cacheKey, new Cached(verdict, System.currentTimeMillis() + authorizer.resultTtlSeconds() * 1000L));
        }
        return verdict;
    }

    private static Verdict interpret(byte[] payload, boolean simple, String routeArn) {
        JsonNode response;
        try {
            response = EventBuilder.JSON.readTree(payload);
        } catch (IOException e) {
            return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
        }
        if (response == null || !response.isObject()) {
            return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
        }
        JsonNode context = response.path("context");
        JsonNode passed = context.isObject() ? context : EventBuilder.JSON.createObjectNode();
        if (simple) {
            JsonNode authorized = response.get("isAuthorized");
            if (authorized == null || !authorized.isBoolean()) {
                return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
            }
            return authorized.asBoolean() ? new Verdict(null, passed) : new Verdict(ResponseMapper.message(403, "Forbidden"), null);
        }
        JsonNode policy = response.path("policyDocument");
        if (!policy.isObject()) {
            return new Verdict(ResponseMapper.message(500, "Internal Server Error"), null);
        }
        return policyAllows(policy, routeArn) ? new Verdict(null, passed) : new Verdict(ResponseMapper.message(403, "Forbidden"), null);
    }

    /** IAM evaluation of an authorizer's policy for execute-api:Invoke on the route: an explicit Deny wins. */
    static boolean policyAllows(JsonNode policy, String routeArn) {
        boolean allowed = false;
        JsonNode statements = policy.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (!matchesAny(statement.path("Action"), "execute-api:Invoke") || !matchesAny(statement.path("Resource"), routeArn)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if (effect.equals("Deny")) {
                return false;
            }
            allowed |= effect.equals("Allow");
        }
        return allowed;
    }

    private static boolean matchesAny(JsonNode patterns, String value) {
        for (JsonNode pattern : patterns.isArray() ? patterns : List.of(patterns)) {
            if (pattern.isTextual() && glob(pattern.asText()).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private static String resolve(String source, RequestFacts facts, EventBuilder.Target target) {
        if (source.startsWith("$request.header.")) {
            return facts.header(source.substring("$request.header.".length()));
        }
        if (source.startsWith("$request.querystring.")) {
            List<String> values = facts.query.get(source.substring("$request.querystring.".length()));
            return values == null ? null : String.join(",", values);
        }
        if (source.startsWith("$stageVariables.")) {
            return target.stageVariables() == null ? null : target.stageVariables().get(source.substring("$stageVariables.".length()));
        }
        return switch (source) {
            case "$context.requestId" -> facts.requestId;
            case "$context.routeKey" -> target.routeKey();
            case "$context.stage" -> target.stage();
            case "$context.httpMethod" -> facts.request.method();
            case "$context.identity.sourceIp" -> facts.request.sourceIp();
            case "$context.path" -> target.rawPath();
            default -> null; // an identity source we cannot resolve counts as missing: fail closed
        };
    }
}
