package io.javeze.cli.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.cli.CliRun;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.manifest.RouteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code javeze invoke} sends, and its refusals, which all come before any AWS call (the cloud endpoint here
 * listens nowhere). Invoking deployed functions is in {@code NewProjectOnLocalCloudTest}.
 */
class InvokeCommandTest {
    static final Manifest MANIFEST = new Manifest(1, "shop",
            List.of(function("get-user", FunctionKind.ROUTE), function("list-users", FunctionKind.ROUTE),
                    function("on-order", FunctionKind.SUBSCRIBER)),
            List.of(route("GET", "/users/{id}", "get-user"), route("GET", "/users/me", "list-users"),
                    route("ANY", "/files/{path+}", "get-user")),
            List.of(), List.of(), null, null);

    @Test
    void httpBuildsThePayloadTwoEventOfTheMatchedRoute() {
        JsonNode event = HttpRequestEvent.build(MANIFEST, MANIFEST.function("get-user"), "GET /users/a%20b?tag=x&tag=y&q=1",
                List.of("X-Trace: t1", "Cookie: a=1; b=2"), "{\"name\":\"ann\"}",
                new HttpRequestEvent.Origin("dev", "123456789012", "abc123", "abc123.execute-api.eu-west-1.amazonaws.com"));

        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /users/{id}");
        assertThat(event.get("rawPath").asText()).isEqualTo("/dev/users/a%20b");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("tag=x&tag=y&q=1");
        assertThat(event.get("queryStringParameters").get("tag").asText()).isEqualTo("x,y");
        assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("a b");
        assertThat(event.get("headers").get("x-trace").asText()).isEqualTo("t1");
        assertThat(event.get("headers").get("host").asText()).isEqualTo("abc123.execute-api.eu-west-1.amazonaws.com");
        assertThat(event.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("a=1", "b=2");
        assertThat(event.get("body").asText()).isEqualTo("{\"name\":\"ann\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.get("requestContext");
        assertThat(context.get("http").get("method").asText()).isEqualTo("GET");
        assertThat(context.get("http").get("path").asText()).isEqualTo("/dev/users/a%20b");
        assertThat(context.get("stage").asText()).isEqualTo("dev");
        assertThat(context.get("apiId").asText()).isEqualTo("abc123");
        assertThat(context.get("accountId").asText()).isEqualTo("123456789012");
    }

    @Test
    void theRouteIsSelectedAsApiGatewayDoesAndMustBeTheFunctions() {
        var origin = new HttpRequestEvent.Origin("prod", "000000000000", "api", "api.example");
        // the literal /users/me is more specific than /users/{id}: it belongs to list-users
        assertThatThrownBy(() -> HttpRequestEvent.build(MANIFEST, MANIFEST.function("get-user"), "GET /users/me", List.of(), null, origin))
                .isInstanceOf(JavezeException.class)
                .hasMessage("--http GET /users/me is route GET /users/me of function list-users, not of get-user");
        JsonNode greedy = HttpRequestEvent.build(MANIFEST, MANIFEST.function("get-user"), "DELETE /files/a/b.txt", List.of(), "plain", origin);
        assertThat(greedy.get("routeKey").asText()).isEqualTo("ANY /files/{path+}");
        assertThat(greedy.get("pathParameters").get("path").asText()).isEqualTo("a/b.txt");
        assertThat(greedy.get("headers").get("content-type").asText()).startsWith("text/plain");
    }

    @Test
    void badInputIsOneLineNamingTheFlagAndNothingIsInvoked(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        Files.createDirectories(project.resolve(".javeze"));
        Files.writeString(ManifestStore.path(project), ManifestStore.toJson(MANIFEST));
        Files.writeString(project.resolve("event.json"), "{\n  \"a\": [1, 2,,]\n}");

        assertError(project, "error: --payload: malformed JSON at line 1, column 7: Unexpected character ('}' (code 125)): expected a value",
                "get-user", "--payload", "{\"a\": }");
        assertError(project, "error: " + project.resolve("event.json") + ": malformed JSON at line 2, column 14: Unexpected character (',' (code 44))",
                "get-user", "--payload-file", project.resolve("event.json").toString());
        assertError(project, "error: no function nope in shop; its functions are get-user, list-users, on-order", "nope");
        assertError(project, "error: --http GET /orders: no route matches; the routes are GET /users/{id}, GET /users/me, ANY /files/{path+}",
                "get-user", "--http", "GET /orders");
        assertError(project, "error: --http must be \"METHOD /path[?query]\" (e.g. --http 'GET /hello/world'), got \"/users/1\"",
                "get-user", "--http", "/users/1");
        assertError(project, "error: --http: function on-order is not a route handler (it is subscriber); send its event with --payload",
                "on-order", "--http", "GET /users/1");
        assertError(project, "error: --header must be NAME:VALUE with a header name of letters, digits and -, got \"novalue\"",
                "get-user", "--http", "GET /users/1", "--header", "novalue");
        assertError(project, "error: --body only goes with --http", "get-user", "--body", "x");
    }

    private static void assertError(Path project, String expectedStart, String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"invoke", "--project", project.toString(), "--local", "--endpoint-url", "http://127.0.0.1:1"}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith(expectedStart).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    private static FunctionSpec function(String name, FunctionKind kind) {
        return new FunctionSpec(name, "shop-" + name, kind, "shop.H" + name.length() + "::handleRequest", "shop.H#m", null, null, null);
    }

    private static RouteSpec route(String method, String path, String function) {
        return new RouteSpec(method, path, method + " " + path, function, null, List.of(), "java.lang.String");
    }
}
