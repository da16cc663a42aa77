package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each compile-time check: a bad source, the message, and the line of the element it is reported on. */
class ProcessorErrorsTest {

    /** Compiles {@code class Bad} whose body starts on line 5. */
    private static Compilation compileBad(String body) {
        return TestCompiler.compile("com.example.Bad", source(body));
    }

    private static String source(String body) {
        return "package com.example;\nimport io.javeze.*;\nimport java.util.*;\npublic class Bad {\n" + body + "}\n";
    }

    private static void assertOnlyError(Compilation compilation, long line, String message) {
        Diagnostic<? extends JavaFileObject> error = TestCompiler.onlyError(compilation);
        assertThat(error.getMessage(null)).isEqualTo(message);
        assertThat(error.getLineNumber()).as("line of " + message).isEqualTo(line);
        assertThat(error.getSource().getName()).endsWith("Bad.java");
    }

    @Test
    void pathVariableWithoutParameter() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/users/{id}")
                public static String get() { return ""; }
                """), 5, "path variable {id} in \"/users/{id}\" has no method parameter named 'id'");
    }

    @Test
    void parameterWithoutPathVariable() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/users")
                public static String get(
                        long id) { return ""; }
                """), 7, "parameter 'id' matches no {id} in path \"/users\"; add {id} to the path or annotate it with @Query, @Header or @Cookie");
    }

    @Test
    void duplicateRouteKeys() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/users/{id}")
                public static String a(String id) { return ""; }
                @Route(method = "GET", path = "/users/{name}")
                public static String b(String name) { return ""; }
                """), 7, "duplicate route GET /users/{name}: com.example.Bad#a already serves GET /users/{id}");
    }

    @Test
    void malformedPaths() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "users")
                public static void a() { }
                """), 5, "@Route path \"users\" must start with '/'");
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/files/{rest+}/meta")
                public static void a(String rest) { }
                """), 5, "@Route path \"/files/{rest+}/meta\" greedy variable {rest+} must be the last segment");
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a//b")
                public static void a() { }
                """), 5, "@Route path \"/a//b\" has an empty segment ('//')");
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a/x{id}")
                public static void a(@Query String id) { }
                """), 5, "@Route path \"/a/x{id}\" segment \"x{id}\" must be a literal or a whole variable like {name} (letters, digits, '_')");
    }

    @Test
    void greedyLastVariableIsAccepted() {
        assertThat(compileBad("""
                @Route(method = "GET", path = "/files/{proxy+}")
                public static String a(String proxy) { return proxy; }
                """).errors()).isEmpty();
    }

    @Test
    void nonPublicHandler() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                static void a() { }
                """), 6, "handler method a must be public");
    }

    @Test
    void instanceMethodWithoutPublicNoArgConstructor() {
        assertOnlyError(compileBad("""
                public Bad(String config) { }
                @Route(method = "GET", path = "/a")
                public void a() { }
                """), 7, "handler method a is not static, so com.example.Bad needs a public no-argument constructor "
                + "(the function creates one instance); or make the method static");
    }

    @Test
    void unsupportedParameterType() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                public static void a(
                        @Query Date since) { }
                """), 7, "query parameter 'since' has unsupported type java.util.Date; use " + ValueTypes.SUPPORTED
                + ", or a List or Set of these (a repeated parameter, ?tag=a&tag=b)");
    }

    @Test
    void aBodyRecordFieldJsonCannotDescribeIsAnErrorOnThatField() {
        assertOnlyError(compileBad("""
                public record Upload(String name,
                        Thread worker) {}
                @Route(method = "POST", path = "/a")
                public static void a(Upload upload) { }
                """), 6, "field 'worker' of com.example.Bad.Upload has type java.lang.Thread, which JSON cannot describe: "
                + "use a record, a POJO, a collection, a map or a scalar (String, numbers, boolean, UUID, java.time)");
    }

    @Test
    void aResultJsonCannotDescribeIsAnErrorOnTheMethod() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                public static Map<List<String>, String> a() { return Map.of(); }
                """), 6, "route a's result has type java.util.Map<java.util.List<java.lang.String>,java.lang.String>, which JSON "
                + "cannot describe: JSON object keys are text; use Map<String, V> (or numbers, UUIDs, enums as keys)");
    }

    @Test
    void optionalPrimitiveNeedsDefault() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                public static void a(
                        @Query(required = false) int page) { }
                """), 7, "optional query parameter 'page' of primitive type int needs a defaultValue; or use Integer or Optional");
    }

    @Test
    void unsupportedReturnType() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                public static java.util.concurrent.CompletableFuture<String> a() { return null; }
                """), 6, "route returns unsupported type java.util.concurrent.CompletableFuture<java.lang.String>: "
                + "asynchronous or stream results are not supported; return the value itself");
    }

    @Test
    void twoBodyParameters() {
        assertOnlyError(compileBad("""
                public record User(String name) {}
                @Route(method = "POST", path = "/a")
                public static void a(User first,
                        User second) { }
                """), 8, "parameter 'second' is a second request body; a route has at most one body parameter "
                + "(annotate values with @Query, @Header or @Cookie)");
    }

    @Test
    void bodyOnGet() {
        assertOnlyError(compileBad("""
                public record User(String name) {}
                @Route(method = "GET", path = "/a")
                public static void a(
                        User user) { }
                """), 8, "parameter 'user' is a request body, but GET requests have no body; use POST/PUT/PATCH or bind it with @Query");
    }

    @Test
    void subscriberWithoutMessageParameter() {
        assertOnlyError(compileBad("""
                @Subscriber(topic = "user-events")
                public static void on() { }
                """), 5, "@Subscriber method has no message parameter; add one, e.g. String message or a record decoded from JSON");
    }

    @Test
    void authorizerReferenceToNoHandler() {
        assertOnlyError(compileBad("""
                @Auth public static boolean token(AuthRequest r) { return true; }
                @Route(method = "GET", path = "/a", authorizer = "admin-token")
                public static void a() { }
                """), 6, "authorizer \"admin-token\" is no @Auth handler; the project has [token]");
    }

    @Test
    void ambiguousAuthTrue() {
        assertOnlyError(compileBad("""
                @Auth public static boolean token(AuthRequest r) { return true; }
                @Auth(name = "admin-token") public static boolean admin(AuthRequest r) { return true; }
                @Route(method = "GET", path = "/a", auth = true)
                public static void a() { }
                """), 7, "auth = true is ambiguous: the project has several @Auth handlers [admin-token, token]; "
                + "choose one with authorizer = \"admin-token\"");
    }

    @Test
    void authTrueWithoutAnyHandler() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a", auth = true)
                public static void a() { }
                """), 5, "auth = true but the project has no @Auth handler");
    }

    @Test
    void duplicateFunctionNames() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a", name = "api")
                public static void a() { }
                @Route(method = "GET", path = "/b", name = "api")
                public static void b() { }
                """), 7, "duplicate function name \"api\": com.example.Bad#a has it too; give one of them another name with name = \"...\"");
    }

    @Test
    void publisherWithoutSnsOnClassPath() {
        Compilation compilation = TestCompiler.compileWithoutAwsSdk("com.example.Bad", source("""
                @Route(method = "POST", path = "/a")
                @Publisher(topic = "user-events")
                public static void a() { }
                """));
        assertOnlyError(compilation, 6, "@Publisher needs the AWS SDK's SigV4 signer and HTTP client on the class path: add the "
                + "dependencies software.amazon.awssdk:http-auth-aws and software.amazon.awssdk:url-connection-client to the project's pom.xml");
    }

    @Test
    void topicsSharingAnEnvironmentVariable() {
        assertOnlyError(compileBad("""
                @Subscriber(topic = "user-events")
                public static void a(String message) { }
                @Subscriber(topic = "user_events")
                public static void b(String message) { }
                """), 7, "topic \"user_events\" and topic \"user-events\" would share the environment variable "
                + "JAVEZE_TOPIC_USER_EVENTS; rename one of them");
    }

    @Test
    void publisherOnlyOnRoutesAndSubscribers() {
        assertOnlyError(compileBad("""
                @Publisher(topic = "user-events")
                public static void a() { }
                """), 5, "@Publisher belongs on a @Route, @Subscriber or @Schedule method");
    }

    @Test
    void authContextOnOpenRoute() {
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a")
                public static void a(@AuthContext String user) { }
                """), 5, "@AuthContext parameters need a protected route; add auth = true or authorizer = \"...\"");
    }

    @Test
    void badAttributeValues() {
        assertOnlyError(compileBad("""
                @Subscriber(topic = "user events")
                public static void on(String message) { }
                """), 5, "@Subscriber topic \"user events\" must be 1-200 letters, digits, '-' or '_'");
        assertOnlyError(compileBad("""
                @Route(method = "FETCH", path = "/a")
                public static void a() { }
                """), 5, "@Route method \"FETCH\" must be one of [ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT]");
        assertOnlyError(compileBad("""
                @Route(method = "GET", path = "/a", memorySize = 64)
                public static void a() { }
                """), 5, "memorySize must be between 128 and 10240 MB (or 0 for the javeze.toml default), got 64");
    }

    @Test
    void primeMethodMustBePublicStaticWithoutParameters() {
        assertOnlyError(compileBad("""
                @Prime
                public void warm() { }
                @Route(method = "GET", path = "/a")
                public static void a() { }
                """), 6, "@Prime method warm must be public static (the generated handlers call it before any instance exists)");
        assertOnlyError(compileBad("""
                @Prime
                public static void warm(String client) { }
                @Route(method = "GET", path = "/a")
                public static void a() { }
                """), 6, "@Prime method warm must take no parameters");
    }

    @Test
    void primeMethodInAClassWithoutFunctions() {
        assertOnlyError(compileBad("""
                @Prime
                public static void warm() { }
                """), 6, "@Prime method warm is never run: com.example.Bad has no @Route, @Auth, @Subscriber or @Schedule method "
                + "(a @Prime method warms the functions of its own class)");
    }
}
