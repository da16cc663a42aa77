package io.javeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.javeze.runtime.SnsTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicsTest {
    record Signup(String user) {}

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void reset() {
        Topics.useForTests(null, null);
    }

    @Test
    void envVarNameIsStable() {
        assertThat(Topics.envVarName("user-events")).isEqualTo("JAVEZE_TOPIC_USER_EVENTS");
        assertThat(Topics.envVarName("orders_v2")).isEqualTo("JAVEZE_TOPIC_ORDERS_V2");
        assertThat(Topics.envVarName("Audit")).isEqualTo("JAVEZE_TOPIC_AUDIT");
    }

    @Test
    void publishingToAnUndeclaredTopicFailsNamingTheAnnotation() {
        Topics.useForTests((arn, message) -> fail("must not publish"), Map.of("JAVEZE_TOPIC_AUDIT", "arn:aws:sns:us-east-1:1:audit"));
        Topics.declare("create-user", "user-events");
        assertThatThrownBy(() -> Topics.publish("audit", "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("function \"create-user\" publishes to topic \"audit\" without declaring it: "
                        + "add @Publisher(topic = \"audit\") to its method (it declares [user-events])");
    }

    @Test
    void publishSendsStringsRawAndObjectsAsJsonToTheTopicArn() {
        Topics.useForTests((arn, message) -> {
            sent.add(arn + " " + message);
            return "id-" + sent.size();
        }, Map.of("JAVEZE_TOPIC_USER_EVENTS", "arn:aws:sns:us-east-1:123456789012:shop-user-events"));
        Topics.declare("create-user", "user-events");
        assertThat(Topics.publish("user-events", "plain text")).isEqualTo("id-1");
        assertThat(Topics.publish("user-events", new Signup("ada"))).isEqualTo("id-2");
        assertThat(sent).containsExactly(
                "arn:aws:sns:us-east-1:123456789012:shop-user-events plain text",
                "arn:aws:sns:us-east-1:123456789012:shop-user-events {\"user\":\"ada\"}");
    }

    @Test
    void missingArnVariableIsAClearError() {
        Topics.useForTests((arn, message) -> fail("must not publish"), Map.of());
        Topics.declare("create-user", "user-events");
        assertThatThrownBy(() -> Topics.publish("user-events", "x"))
                .hasMessage("topic \"user-events\" has no ARN: environment variable JAVEZE_TOPIC_USER_EVENTS is not set; "
                        + "deploy the function with javeze deploy");
    }

    @Test
    void snsTransportPublishesThroughAwsEndpointUrl() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            sent.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
            sent.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>5f2c1a3e-0000-4000-8000-00000000abcd</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            SnsTransport transport = SnsTransport.fromEnvironment(Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
            String id = transport.publish("arn:aws:sns:eu-west-1:123456789012:shop-user-events", "{\"user\":\"ada\"}");
            assertThat(id).isEqualTo("5f2c1a3e-0000-4000-8000-00000000abcd");
            assertThat(sent.get(0)).contains("Action=Publish", "TopicArn=arn:aws:sns:eu-west-1:123456789012:shop-user-events",
                    "Message={\"user\":\"ada\"}");
            assertThat(sent.get(1)).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/").contains("/eu-west-1/sns/aws4_request");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anSnsRefusalIsOneLineWithItsCodeAndIsNotRetried() throws Exception {
        List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = sns(exchange -> {
            calls.add(1);
            reply(exchange, 403, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                    + "<Code>AuthorizationError</Code><Message>not authorized to perform SNS:Publish</Message></Error>"
                    + "<RequestId>r-2</RequestId></ErrorResponse>");
        });
        try {
            SnsTransport transport = SnsTransport.fromEnvironment(env(server, Map.of()));
            assertThatThrownBy(() -> transport.publish("arn:aws:sns:eu-west-1:123456789012:audit", "x"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("SNS Publish to arn:aws:sns:eu-west-1:123456789012:audit failed: HTTP 403 AuthorizationError: "
                            + "not authorized to perform SNS:Publish");
            assertThat(calls).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void serverErrorsAreRetriedAndThenTheMessageIdIsReturned() throws Exception {
        List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = sns(exchange -> {
            calls.add(1);
            if (calls.size() < 3) {
                reply(exchange, 503, "<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>");
            } else {
                reply(exchange, 200, published("m-3"));
            }
        });
        try {
            assertThat(SnsTransport.fromEnvironment(env(server, Map.of())).publish("arn:aws:sns:eu-west-1:1:t", "x")).isEqualTo("m-3");
            assertThat(calls).hasSize(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutKeysInTheEnvironmentTheContainerCredentialsSignTheRequest() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = sns(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/credentials")) {
                seen.add("credentials " + exchange.getRequestHeaders().getFirst("Authorization"));
                reply(exchange, 200, "{\"AccessKeyId\":\"ASIASNAPSTART\",\"SecretAccessKey\":\"s3cr3t\",\"Token\":\"tok-1\","
                        + "\"Expiration\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}");
            } else {
                seen.add("publish " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"));
                reply(exchange, 200, published("m-1"));
            }
        });
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            SnsTransport transport = SnsTransport.fromEnvironment(Map.of("AWS_ENDPOINT_URL", base, "AWS_REGION", "eu-west-1",
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", base + "/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token"));
            assertThat(transport.publish("arn:aws:sns:eu-west-1:1:t", "a")).isEqualTo("m-1");
            assertThat(transport.publish("arn:aws:sns:eu-west-1:1:t", "b")).isEqualTo("m-1");
            assertThat(seen).hasSize(3);
            assertThat(seen.get(0)).isEqualTo("credentials container-token");
            assertThat(seen.get(1)).startsWith("publish AWS4-HMAC-SHA256 Credential=ASIASNAPSTART/").endsWith(" tok-1");
            assertThat(seen.get(2)).as("the credentials are kept until they near expiry").startsWith("publish ");
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer sns(com.sun.net.httpserver.HttpHandler handler) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private static Map<String, String> env(HttpServer server, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
        env.putAll(more);
        return env;
    }

    private static String published(String id) {
        return "<PublishResponse><PublishResult><MessageId>" + id + "</MessageId></PublishResult></PublishResponse>";
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String text) throws java.io.IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String fail(String message) {
        throw new AssertionError(message);
    }
}
