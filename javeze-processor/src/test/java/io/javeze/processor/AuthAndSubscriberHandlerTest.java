package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generated auth handlers and subscribers, fed with AWS's sample authorizer and SQS events. */
class AuthAndSubscriberHandlerTest {
    static final String APP = """
            package com.example;

            import com.amazonaws.services.lambda.runtime.Context;
            import io.javeze.*;
            import java.util.*;

            public class Security {
                public record UserEvent(String user, String action) {}

                public static final List<Object> RECEIVED = Collections.synchronizedList(new ArrayList<>());

                @Auth(identitySources = {"$request.header.Authorization", "$request.querystring.tenant"}, resultTtlSeconds = 300)
                public static AuthResult bearer(AuthRequest request) {
                    if (request.token().equals("Bearer let-me-in")) {
                        return AuthResult.allow(Map.of("user", "alice", "tenant", request.identitySource().get(1),
                                "route", request.routeKey(), "admin", true));
                    }
                    if (request.token().equals("Bearer explode")) {
                        throw new IllegalStateException("token store unreachable");
                    }
                    return AuthResult.deny();
                }

                @Auth(name = "admin-key", identitySources = "$request.header.X-Api-Key")
                public static boolean adminKey(AuthRequest request, Context context) {
                    return "k".equals(request.header("x-api-key")) && context.getAwsRequestId() != null;
                }

                @Subscriber(topic = "user-events", batchSize = 5, maxReceiveCount = 3)
                public static void onUserEvent(UserEvent event) {
                    if (event.action() == null) throw new IllegalArgumentException("no action");
                    RECEIVED.add(event);
                }

                @Subscriber(topic = "audit", name = "audit-log")
                public void audit(String message) {
                    RECEIVED.add(message);
                }
            }
            """;

    static ClassLoader loader;

    @BeforeAll
    static void compile() {
        loader = TestCompiler.classLoader(TestCompiler.compileOk(List.of(), "com.example.Security", APP));
    }

    @Test
    void authAllowReturnsSimpleResponseWithContext() {
        JsonNode response = authorize("BearerFunction", List.of("Bearer let-me-in", "acme"), Map.of("authorization", "Bearer let-me-in"));
        assertThat(response.get("isAuthorized").asBoolean()).isTrue();
        assertThat(response.get("context")).isEqualTo(json(
                "{\"admin\":true,\"route\":\"GET /reports\",\"tenant\":\"acme\",\"user\":\"alice\"}"));
        assertThat(response.size()).as("only isAuthorized and context").isEqualTo(2);
    }

    @Test
    void authDeny() {
        JsonNode response = authorize("BearerFunction", List.of("Bearer guess", "acme"), Map.of());
        assertThat(response).isEqualTo(json("{\"isAuthorized\":false,\"context\":{}}"));
    }

    @Test
    void authHandlerThatThrowsDenies() {
        JsonNode response = authorize("BearerFunction", List.of("Bearer explode", "acme"), Map.of());
        assertThat(response).isEqualTo(json("{\"isAuthorized\":false,\"context\":{}}"));
    }

    @Test
    void booleanAuthHandlerReadsHeadersCaseInsensitively() {
        assertThat(authorize("AdminKeyFunction", List.of("k"), Map.of("X-Api-Key", "k")).get("isAuthorized").asBoolean()).isTrue();
        assertThat(authorize("AdminKeyFunction", List.of("nope"), Map.of("X-Api-Key", "nope")).get("isAuthorized").asBoolean()).isFalse();
    }

    @Test
    void poisonMessageIsTheOnlyReportedFailure() throws Exception {
        List<Object> received = received();
        received.clear();
        String envelope = LambdaHarness.sample("sns-notification.json")
                .put("Message", "{\"user\":\"ada\",\"action\":\"signup\"}").toString();
        ObjectNode event = sqs(
                "m-envelope", envelope,
                "m-poison", "{\"user\": \"bob\", \"action\": ",
                "m-raw", "{\"user\":\"cy\",\"action\":\"login\"}",
                "m-no-action", "{\"user\":\"dee\"}");
        JsonNode response = LambdaHarness.invoke(LambdaHarness.newHandler(loader, "com.example.javeze.OnUserEventFunction"), event);
        assertThat(response).isEqualTo(json("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-poison\"},{\"itemIdentifier\":\"m-no-action\"}]}"));
        assertThat(received).extracting(Object::toString).containsExactly(
                "UserEvent[user=ada, action=signup]", "UserEvent[user=cy, action=login]");
    }

    @Test
    void stringSubscriberReceivesTheRawMessageOfTheNotification() throws Exception {
        List<Object> received = received();
        received.clear();
        ObjectNode event = sqs("m1", LambdaHarness.sample("sns-notification.json").toString(), "m2", "raw delivery");
        JsonNode response = LambdaHarness.invoke(LambdaHarness.newHandler(loader, "com.example.javeze.AuditLogFunction"), event);
        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(received).containsExactly("Hello world!", "raw delivery");
    }

    private static JsonNode authorize(String function, List<String> identity, Map<String, String> headers) {
        ObjectNode event = LambdaHarness.sample("authorizer-v2.json");
        event.set("identitySource", LambdaHarness.JSON.valueToTree(identity));
        event.set("headers", LambdaHarness.JSON.valueToTree(headers));
        event.put("routeKey", "GET /reports");
        event.put("rawPath", "/reports");
        return LambdaHarness.invoke(LambdaHarness.newHandler(loader, "com.example.javeze." + function), event);
    }

    /** AWS's sample SQS event with one record per (messageId, body) pair. */
    private static ObjectNode sqs(String... idsAndBodies) {
        ObjectNode event = LambdaHarness.sample("sqs.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode template = (ObjectNode) records.remove(0);
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", idsAndBodies[i]);
            record.put("body", idsAndBodies[i + 1]);
            records.add(record);
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> received() throws Exception {
        return (List<Object>) loader.loadClass("com.example.Security").getField("RECEIVED").get(null);
    }

    private static JsonNode json(String text) {
        try {
            return LambdaHarness.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
