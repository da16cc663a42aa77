package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every parameter and return kind, through generated handlers fed with AWS's sample payload 2.0 event. */
class RouteHandlerTest {
    static final String API = """
            package com.example;

            import io.javeze.*;
            import java.util.*;

            public class Api {
                public enum Color { RED, GREEN }
                public record User(String name, int age) {}
                public record Search(String q, int limit, Color color, boolean exact) {}

                public static class Pet {
                    private String name;
                    private List<String> tags;
                    public String getName() { return name; }
                    public void setName(String name) { this.name = name; }
                    public List<String> getTags() { return tags; }
                    public void setTags(List<String> tags) { this.tags = tags; }
                }

                @Route(method = "GET", path = "/hello/{word}")
                public static String hello(String word) { return "Hello, " + word + "!"; }

                @Route(method = "GET", path = "/typed/{id}/{flag}/{uuid}/{color}/{ratio}")
                public static Map<String, Object> typed(long id, boolean flag, UUID uuid, Color color, double ratio) {
                    return new TreeMap<>(Map.of("id", id, "flag", flag, "uuid", uuid.toString(), "color", color.name(), "ratio", ratio));
                }

                @Route(method = "GET", path = "/search")
                public static Search search(@Query String q, @Query(defaultValue = "10") int limit,
                                            @Query(required = false) Color color, @Query(value = "exact", required = false) Optional<Boolean> exact) {
                    return new Search(q, limit, color, exact.orElse(false));
                }

                @Route(method = "GET", path = "/whoami")
                public static String whoami(@Header("X-Token") String token, @Header(value = "X-Missing", required = false) Optional<String> missing,
                                            @Cookie("session") String session, Request request) {
                    return token + "|" + missing.isPresent() + "|" + session + "|" + request.requestId() + "|" + request.header("header1")
                            + "|" + request.query("parameter2");
                }

                @Route(method = "POST", path = "/users")
                public static Response create(User user) {
                    return Response.status(201).header("Location", "/users/" + user.name()).cookie("last=" + user.name() + "; HttpOnly").json(user);
                }

                @Route(method = "PUT", path = "/pets/{name}")
                public static Pet rename(String name, @Body Pet pet) {
                    pet.setName(name);
                    return pet;
                }

                @Route(method = "POST", path = "/users/batch")
                public static List<String> batch(List<User> users) {
                    return users.stream().map(User::name).toList();
                }

                @Route(method = "POST", path = "/echo")
                public static String echo(@Body String text) { return text.toUpperCase(); }

                @Route(method = "DELETE", path = "/users/{id}")
                public static void delete(long id) { }

                @Route(method = "GET", path = "/logo")
                public static byte[] logo() { return new byte[] {(byte) 0x89, 'P', 'N', 'G'}; }

                @Route(method = "GET", path = "/users/{id}")
                public static Optional<User> find(long id) { return id == 1 ? Optional.of(new User("ada", 36)) : Optional.empty(); }

                @Route(method = "GET", path = "/teapot")
                public static String teapot() { throw new HttpException(418, "I'm a teapot"); }

                @Route(method = "GET", path = "/boom")
                public static String boom() { throw new IllegalStateException("database password is hunter2"); }

                @Route(method = "GET", path = "/me", auth = true)
                public static String me(@AuthContext String user, @AuthContext(value = "level", defaultValue = "1") int level) {
                    return user + "@" + level;
                }

                public record Owner(long id, String name) {}
                public record Adoption(String pet, Color color, Owner owner) {}

                @Route(method = "GET", path = "/tags")
                public static String tags(@Query List<String> tag, @Query(required = false) Set<Color> color) { return tag + "|" + color; }

                @Route(method = "POST", path = "/adoptions")
                public static Adoption adopt(Adoption adoption) { return adoption; }

                @Auth
                public static AuthResult token(AuthRequest request) { return AuthResult.allow(); }
            }
            """;

    static final String COUNTER = """
            package com.example;

            import io.javeze.Route;

            public class Counter {
                private int count;

                public Counter() {}

                @Route(method = "POST", path = "/count")
                public int next() { return ++count; }
            }
            """;

    static ClassLoader loader;

    @BeforeAll
    static void compile() {
        Compilation compilation = TestCompiler.compileOk(List.of(), "com.example.Api", API, "com.example.Counter", COUNTER);
        loader = TestCompiler.classLoader(compilation);
    }

    @Test
    void pathParameterStringReturnsTextPlain() {
        JsonNode response = call("HelloFunction", "GET", "/hello/world", Map.of("word", "world"), null, null, null, null);
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.get("body").asText()).isEqualTo("Hello, world!");
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void pathParametersConvertToLongBooleanUuidEnumAndDouble() {
        JsonNode response = call("TypedFunction", "GET", "/typed", Map.of("id", "42", "flag", "TRUE",
                "uuid", "123e4567-e89b-12d3-a456-426614174000", "color", "green", "ratio", "0.5"), null, null, null, null);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(body(response)).isEqualTo(json("{\"color\":\"GREEN\",\"flag\":true,\"id\":42,"
                + "\"ratio\":0.5,\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\"}"));
    }

    @Test
    void pathParameterThatDoesNotConvertIs400NamingIt() {
        JsonNode response = call("TypedFunction", "GET", "/typed", Map.of("id", "forty-two", "flag", "true",
                "uuid", "123e4567-e89b-12d3-a456-426614174000", "color", "RED", "ratio", "1"), null, null, null, null);
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).get("message").asText()).isEqualTo("path parameter 'id' must be an integer, got \"forty-two\"");

        response = call("TypedFunction", "GET", "/typed", Map.of("id", "1", "flag", "true",
                "uuid", "123e4567-e89b-12d3-a456-426614174000", "color", "BLUE", "ratio", "1"), null, null, null, null);
        assertThat(body(response).get("message").asText()).isEqualTo("path parameter 'color' must be one of RED, GREEN, got \"BLUE\"");
    }

    @Test
    void queryParametersRequiredOptionalAndDefaults() {
        JsonNode response = call("SearchFunction", "GET", "/search", null, Map.of("q", "cats", "color", "RED"), null, null, null);
        assertThat(body(response)).isEqualTo(json("{\"color\":\"RED\",\"exact\":false,\"limit\":10,\"q\":\"cats\"}"));

        response = call("SearchFunction", "GET", "/search", null, Map.of("q", "cats", "limit", "3", "exact", "true"), null, null, null);
        assertThat(body(response)).isEqualTo(json("{\"exact\":true,\"limit\":3,\"q\":\"cats\"}"));

        response = call("SearchFunction", "GET", "/search", null, Map.of("limit", "3"), null, null, null);
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).get("message").asText()).isEqualTo("missing required query parameter 'q'");

        response = call("SearchFunction", "GET", "/search", null, Map.of("q", "x", "limit", "many"), null, null, null);
        assertThat(body(response).get("message").asText()).isEqualTo("query parameter 'limit' must be an integer, got \"many\"");
    }

    @Test
    void headersCookiesAndRawRequest() {
        JsonNode response = call("WhoamiFunction", "GET", "/whoami", null, null,
                Map.of("header1", "value1", "x-token", "t0k3n"), List.of("theme=dark", "session=s3ss"), null);
        assertThat(response.get("body").asText()).isEqualTo("t0k3n|false|s3ss|id|value1|value");

        response = call("WhoamiFunction", "GET", "/whoami", null, null, Map.of(), List.of("session=s"), null);
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).get("message").asText()).isEqualTo("missing required header 'X-Token'");
    }

    @Test
    void recordBodyAndFullControlResponse() {
        JsonNode response = call("CreateFunction", "POST", "/users", null, null, null, null, "{\"name\":\"ada\",\"age\":36}");
        assertThat(response.get("statusCode").asInt()).isEqualTo(201);
        assertThat(response.get("headers").get("Location").asText()).isEqualTo("/users/ada");
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(response.get("cookies").get(0).asText()).isEqualTo("last=ada; HttpOnly");
        assertThat(body(response)).isEqualTo(json("{\"age\":36,\"name\":\"ada\"}"));
    }

    @Test
    void invalidJsonBodyIs400NamingTheProblem() {
        JsonNode response = call("CreateFunction", "POST", "/users", null, null, null, null, "{\"name\": \"ada\", \"age\": }");
        assertThat(response.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).get("message").asText()).startsWith("invalid JSON body: ").contains("line: 1");

        response = call("CreateFunction", "POST", "/users", null, null, null, null, null);
        assertThat(body(response).get("message").asText()).isEqualTo("request body is required");
    }

    @Test
    void base64EncodedPojoBodyAndListBody() {
        ObjectNode event = event("PUT", "/pets/rex", Map.of("name", "rex"), null, null, null,
                Base64.getEncoder().encodeToString("{\"name\":\"old\",\"tags\":[\"good\"]}".getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        JsonNode response = invoke("RenameFunction", event);
        assertThat(body(response)).isEqualTo(json("{\"name\":\"rex\",\"tags\":[\"good\"]}"));

        response = call("BatchFunction", "POST", "/users/batch", null, null, null, null, "[{\"name\":\"a\",\"age\":1},{\"name\":\"b\",\"age\":2}]");
        assertThat(body(response)).isEqualTo(json("[\"a\",\"b\"]"));
    }

    @Test
    void rawStringBody() {
        JsonNode response = call("EchoFunction", "POST", "/echo", null, null, null, null, "Hello from Lambda");
        assertThat(response.get("body").asText()).isEqualTo("HELLO FROM LAMBDA");
    }

    @Test
    void voidIs204AndBytesAreBase64() {
        JsonNode response = call("DeleteFunction", "DELETE", "/users/1", Map.of("id", "1"), null, null, null, null);
        assertThat(response.get("statusCode").asInt()).isEqualTo(204);
        assertThat(response.has("body")).isFalse();

        response = call("LogoFunction", "GET", "/logo", null, null, null, null, null);
        assertThat(response.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/octet-stream");
        assertThat(Base64.getDecoder().decode(response.get("body").asText())).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void emptyOptionalIs404() {
        assertThat(body(call("FindFunction", "GET", "/users/1", Map.of("id", "1"), null, null, null, null)))
                .isEqualTo(json("{\"age\":36,\"name\":\"ada\"}"));
        JsonNode missing = call("FindFunction", "GET", "/users/2", Map.of("id", "2"), null, null, null, null);
        assertThat(missing.get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void httpExceptionMapsToItsStatusAndOtherExceptionsTo500WithoutDetails() {
        JsonNode teapot = call("TeapotFunction", "GET", "/teapot", null, null, null, null, null);
        assertThat(teapot.get("statusCode").asInt()).isEqualTo(418);
        assertThat(body(teapot).get("message").asText()).isEqualTo("I'm a teapot");

        JsonNode boom = call("BoomFunction", "GET", "/boom", null, null, null, null, null);
        assertThat(boom.get("statusCode").asInt()).isEqualTo(500);
        assertThat(body(boom)).isEqualTo(json("{\"message\":\"Internal Server Error\"}"));
        assertThat(boom.toString()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
    }

    @Test
    void authorizerContextReachesTheRoute() {
        ObjectNode event = event("GET", "/me", null, null, null, null, null);
        ObjectNode authorizer = ((ObjectNode) event.get("requestContext")).putObject("authorizer");
        authorizer.putObject("lambda").put("user", "alice").put("level", 3);
        assertThat(invoke("MeFunction", event).get("body").asText()).isEqualTo("alice@3");

        ObjectNode open = event("GET", "/me", null, null, null, null, null);
        JsonNode denied = invoke("MeFunction", open);
        assertThat(denied.get("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void instanceHandlersAreCreatedOncePerFunctionInstance() {
        Object handler = LambdaHarness.newHandler(loader, "com.example.javeze.NextFunction");
        ObjectNode event = event("POST", "/count", null, null, null, null, null);
        LambdaHarness.invoke(handler, event);
        JsonNode second = LambdaHarness.invoke(handler, event);
        assertThat(second.get("body").asText()).isEqualTo("2");
    }

    @Test
    void repeatedQueryKeysBindToListAndSet() {
        ObjectNode event = event("GET", "/tags", null, Map.of("tag", "a,b,c", "color", "red,RED,green"), null, null, null);
        event.put("rawQueryString", "tag=a&tag=b%2Cc&color=red&color=RED&color=green");
        JsonNode response = invoke("TagsFunction", event);
        assertThat(response.get("body").asText()).isEqualTo("[a, b,c]|[RED, GREEN]");
        event.put("rawQueryString", "color=blue");
        JsonNode missing = invoke("TagsFunction", event.put("rawQueryString", ""));
        event.set("queryStringParameters", LambdaHarness.JSON.valueToTree(Map.of("tag", "x", "color", "blue")));
        JsonNode bad = invoke("TagsFunction", event.put("rawQueryString", "tag=x&color=blue"));
        assertThat(bad.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(bad).get("message").asText()).isEqualTo("query parameter 'color' must be one of RED, GREEN, got \"blue\"");
        assertThat(missing.get("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void jsonBodyEnumsIgnoreCaseRecordsKeepOrderAndErrorsNameTheFieldPath() {
        JsonNode ok = call("AdoptFunction", "POST", "/adoptions", null, null, null, null,
                "{\"owner\":{\"name\":\"ada\",\"id\":7},\"color\":\"green\",\"pet\":\"rex\"}");
        assertThat(ok.get("body").asText()).isEqualTo("{\"pet\":\"rex\",\"color\":\"GREEN\",\"owner\":{\"id\":7,\"name\":\"ada\"}}");
        JsonNode bad = call("AdoptFunction", "POST", "/adoptions", null, null, null, null, "{\"pet\":\"rex\",\"owner\":{\"id\":\"seven\"}}");
        assertThat(bad.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body(bad).get("message").asText()).startsWith("invalid JSON body: \"owner.id\" must be an integer, got ");
        JsonNode missing = call("AdoptFunction", "POST", "/adoptions", null, null, null, null, "{\"owner\":{\"name\":\"ada\"}}");
        assertThat(body(missing).get("message").asText()).startsWith("invalid JSON body: \"owner.id\" is required (an integer)");
        JsonNode wrongShape = call("AdoptFunction", "POST", "/adoptions", null, null, null, null, "{\"owner\":[1]}");
        assertThat(body(wrongShape).get("message").asText()).startsWith("invalid JSON body: \"owner\" must be a JSON object")
                .doesNotContain("com.example").doesNotContain("Api");
    }

    private static JsonNode call(String function, String method, String path, Map<String, String> pathParameters,
                                 Map<String, String> query, Map<String, String> headers, List<String> cookies, String body) {
        return invoke(function, event(method, path, pathParameters, query, headers, cookies, body));
    }

    private static JsonNode invoke(String function, ObjectNode event) {
        Object handler = LambdaHarness.newHandler(loader, "com.example.javeze." + function);
        return LambdaHarness.invoke(handler, event);
    }

    /** AWS's sample payload 2.0 event, with this request's route, parameters and body. */
    private static ObjectNode event(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
                                    Map<String, String> headers, List<String> cookies, String body) {
        ObjectNode event = LambdaHarness.sample("http-api-v2.json");
        event.put("routeKey", method + " " + path);
        event.put("rawPath", path);
        ObjectNode http = (ObjectNode) event.get("requestContext").get("http");
        http.put("method", method);
        http.put("path", path);
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        replace(event, "pathParameters", pathParameters);
        if (query != null) replace(event, "queryStringParameters", query);
        if (headers != null) replace(event, "headers", headers);
        if (cookies != null) event.set("cookies", LambdaHarness.JSON.valueToTree(cookies));
        if (body == null) event.remove("body");
        else event.put("body", body);
        return event;
    }

    private static void replace(ObjectNode event, String field, Map<String, String> values) {
        if (values == null) {
            event.remove(field);
        } else {
            event.set(field, LambdaHarness.JSON.valueToTree(values));
        }
    }

    private static JsonNode body(JsonNode response) {
        return json(response.get("body").asText());
    }

    private static JsonNode json(String text) {
        try {
            return LambdaHarness.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
