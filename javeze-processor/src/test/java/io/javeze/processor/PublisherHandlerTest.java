package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated handler declares its @Publisher topics, so publishing elsewhere fails naming the missing annotation. */
class PublisherHandlerTest {
    static final String SIGNUP = """
            package com.example;

            import io.javeze.*;

            public class Signup {
                @Route(method = "POST", path = "/signup")
                @Publisher(topic = "user-events")
                public static void signup(@Query String topic) {
                    Topics.publish(topic, "{\\"user\\":\\"ada\\"}");
                }
            }
            """;

    @Test
    void undeclaredTopicFailsNamingPublisherAndDeclaredTopicNeedsItsArnVariable() {
        ClassLoader loader = TestCompiler.classLoader(TestCompiler.compileOk(List.of(), "com.example.Signup", SIGNUP));
        Object handler = LambdaHarness.newHandler(loader, "com.example.javeze.SignupFunction");

        String undeclared = stderrOf(() -> assertThat(invoke(handler, "audit").get("statusCode").asInt()).isEqualTo(500));
        assertThat(undeclared).contains("function \"signup\" publishes to topic \"audit\" without declaring it: "
                + "add @Publisher(topic = \"audit\") to its method (it declares [user-events])");

        String declared = stderrOf(() -> assertThat(invoke(handler, "user-events").get("statusCode").asInt()).isEqualTo(500));
        assertThat(declared).contains("environment variable JAVEZE_TOPIC_USER_EVENTS is not set");
    }

    private static JsonNode invoke(Object handler, String topic) {
        ObjectNode event = LambdaHarness.sample("http-api-v2.json");
        event.put("routeKey", "POST /signup");
        event.set("queryStringParameters", LambdaHarness.JSON.createObjectNode().put("topic", topic));
        return LambdaHarness.invoke(handler, event);
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
