package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event fields that are easy to get wrong when reading API Gateway's JSON without aws-lambda-java-events, fed to
 * the generated stream handlers as API Gateway sends them (AWS's documented sample events), and the fallback to a
 * RequestHandler for functions that bind an aws-lambda-java-events type.
 */
class EventFieldsTest {
    static final String APP = """
            package com.example;

            import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
            import io.javeze.*;
            import java.util.*;

            public class Fields {
                @Route(method = "GET", path = "/multi")
                public static String multi(@Header("header2") String header, @Query("parameter1") String query, Request request) {
                    return header + "|" + query + "|" + request.rawQueryString() + "|" + request.queryParameters().get("parameter2")
                            + "|" + request.cookie("token") + "|" + new TreeSet<>(request.cookies().keySet()) + "|" + request.method() + "|" + request.sourceIp();
                }

                @Route(method = "POST", path = "/binary")
                public static byte[] binary(@Body byte[] data) { return data; }

                @Route(method = "POST", path = "/text")
                public static String text(@Body String text) { return text; }

                @Route(method = "GET", path = "/cookies")
                public static Response cookies() {
                    return Response.status(200).cookie("a=1; Path=/").cookie("b=2; HttpOnly").binary(new byte[] {0, (byte) 0xff}, "image/png");
                }

                @Route(method = "GET", path = "/context", authorizer = "token")
                public static String context(Request request, @AuthContext("admin") boolean admin) {
                    return new TreeMap<>(request.authorizerContext()).toString() + "|" + admin;
                }

                @Route(method = "GET", path = "/raw/{id}")
                public static String raw(String id, APIGatewayV2HTTPEvent event, Request request) {
                    return id + "|" + event.getRequestContext().getAccountId() + "|" + request.header("header1");
                }

                @Auth
                public static AuthResult token(AuthRequest request) { return AuthResult.allow(); }

                @Auth(name = "raw-auth", identitySources = "$request.header.X-Key")
                public static boolean rawAuth(APIGatewayV2CustomAuthorizerEvent event, AuthRequest request) {
                    return "123456789012".equals(event.getRequestContext().getAccountId()) && "user1".equals(request.token());
                }

                @Subscriber(topic = "t")
                public static void onMessage(String message) { }
            }
            """;

    static Compilation compilation;
    static ClassLoader loader;

    @BeforeAll
    static void compile() {
        compilation = TestCompiler.compileOk(List.of(), "com.example.Fields", APP);
        loader = TestCompiler.classLoader(compilation);
    }

    @Test
    void generatedHandlersAreStreamHandlersWithoutTheEventsLibrary() {
        String source = TestCompiler.generatedSource(compilation, "com.example.javeze.MultiFunction");
        assertThat(source).contains("implements RequestStreamHandler, Resource").doesNotContain("runtime.events");
        assertThat(handler("MultiFunction")).isInstanceOf(RequestStreamHandler.class);
        assertThat(handler("TokenFunction")).isInstanceOf(RequestStreamHandler.class);
        assertThat(handler("OnMessageFunction")).isInstanceOf(RequestStreamHandler.class);
    }

    @Test
    void repeatedHeadersAndQueryParametersArriveCommaJoinedAndCookiesAsAList() {
        ObjectNode event = http("GET /multi");
        event.set("cookies", LambdaHarness.JSON.valueToTree(List.of("theme=dark", "token=a=b", "flag")));
        JsonNode response = LambdaHarness.invoke(handler("MultiFunction"), event);
        assertThat(response.get("body").asText()).isEqualTo(
                "value1,value2|value1,value2|parameter1=value1&parameter1=value2&parameter2=value|value|a=b|[theme, token]|GET|192.0.2.1");
    }

    @Test
    void base64BodyInIsDecodedAndBinaryOutIsBase64Encoded() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        ObjectNode event = http("POST /binary");
        event.put("body", Base64.getEncoder().encodeToString(png)).put("isBase64Encoded", true);
        JsonNode response = LambdaHarness.invoke(handler("BinaryFunction"), event);
        assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(response.get("body").asText())).isEqualTo(png);

        ObjectNode text = http("POST /text");
        text.put("body", Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8))).put("isBase64Encoded", true);
        assertThat(LambdaHarness.invoke(handler("TextFunction"), text).get("body").asText()).isEqualTo("héllo");
        text.put("body", "plain").put("isBase64Encoded", false);
        JsonNode plain = LambdaHarness.invoke(handler("TextFunction"), text);
        assertThat(plain.get("body").asText()).isEqualTo("plain");
        assertThat(plain.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void responseCookiesGoInTheCookiesListAndBinaryResponsesAreFlagged() {
        JsonNode response = LambdaHarness.invoke(handler("CookiesFunction"), http("GET /cookies"));
        assertThat(response.get("cookies")).isEqualTo(LambdaHarness.JSON.valueToTree(List.of("a=1; Path=/", "b=2; HttpOnly")));
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("image/png");
        assertThat(response.get("headers").has("Set-Cookie")).isFalse();
        assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(response.get("body").asText())).containsExactly(0, 0xff);
    }

    @Test
    void lambdaAuthorizerContextKeepsItsTypesAndAJwtAuthorizerIsNotALambdaContext() {
        ObjectNode event = http("GET /context");
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("lambda")
                .put("user", "alice").put("admin", true).put("level", 3).put("ratio", 0.5);
        assertThat(LambdaHarness.invoke(handler("ContextFunction"), event).get("body").asText())
                .isEqualTo("{admin=true, level=3, ratio=0.5, user=alice}|true");

        JsonNode jwt = LambdaHarness.invoke(handler("ContextFunction"), LambdaHarness.sample("http-api-v2.json").put("routeKey", "GET /context"));
        assertThat(jwt.get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void aNullPayloadIsAnEmptyEvent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((RequestStreamHandler) handler("TextFunction")).handleRequest(new ByteArrayInputStream("null".getBytes(StandardCharsets.UTF_8)), out, LambdaHarness.CONTEXT);
        JsonNode response = LambdaHarness.JSON.readTree(out.toByteArray());
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(LambdaHarness.JSON.readTree(response.get("body").asText()).get("message").asText()).isEqualTo("request body is required");
    }

    @Test
    void emptyBatchHasNoFailures() {
        ObjectNode event = LambdaHarness.JSON.createObjectNode();
        event.putArray("Records");
        JsonNode response = LambdaHarness.invoke(handler("OnMessageFunction"), event);
        assertThat(response).isEqualTo(LambdaHarness.JSON.createObjectNode().set("batchItemFailures", LambdaHarness.JSON.createArrayNode()));
    }

    @Test
    void aFunctionBindingAnAwsEventTypeIsARequestHandlerOfThatType() {
        Object route = handler("RawFunction");
        assertThat(route).isInstanceOf(RequestHandler.class).isNotInstanceOf(RequestStreamHandler.class);
        ObjectNode event = http("GET /raw/{id}");
        event.putObject("pathParameters").put("id", "7");
        JsonNode response = LambdaHarness.invoke(route, event);
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("body").asText()).isEqualTo("7|123456789012|value1");

        Object auth = handler("RawAuthFunction");
        assertThat(auth).isInstanceOf(RequestHandler.class);
        assertThat(LambdaHarness.invoke(auth, LambdaHarness.sample("authorizer-v2.json")).get("isAuthorized").asBoolean()).isTrue();
    }

    private static Object handler(String simpleName) {
        return LambdaHarness.newHandler(loader, "com.example.javeze." + simpleName);
    }

    /** AWS's sample payload 2.0 event for {@code routeKey}, without authorizer and body. */
    private static ObjectNode http(String routeKey) {
        ObjectNode event = LambdaHarness.sample("http-api-v2.json");
        event.put("routeKey", routeKey);
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        ((ObjectNode) event.get("requestContext").get("http")).put("method", routeKey.substring(0, routeKey.indexOf(' ')));
        event.remove("body");
        return event;
    }
}
