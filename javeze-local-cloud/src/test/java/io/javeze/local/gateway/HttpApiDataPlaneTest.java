package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiDataPlaneTest {

    private static final String HELLO = "arn:aws:lambda:us-east-1:123456789012:function:hello";
    private static final String HELLO_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + HELLO + "/invocations";
    private static final String AUTH = "arn:aws:lambda:us-east-1:123456789012:function:auth";
    private static final String LEGACY = "arn:aws:lambda:us-east-1:123456789012:function:legacy";
    private static final String POLICY_AUTH = "arn:aws:lambda:us-east-1:123456789012:function:policy-auth";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingInvoker invoker = new RecordingInvoker()
            .answer(HELLO_URI, "{\"statusCode\":201,\"headers\":{\"x-a\":\"1\"},\"body\":\"made\"}");

    private static HttpApiView api(Set<String> stages, boolean withDefaultRoute) {
        List<HttpApiView.Route> routes = new java.util.ArrayList<>(List.of(
                new HttpApiView.Route("r1", "GET /hello/{name}", "integrations/i1", "NONE", null),
                new HttpApiView.Route("r2", "POST /upload", "integrations/i1", "NONE", null),
                new HttpApiView.Route("r3", "GET /secure", "integrations/i1", "CUSTOM", "a1"),
                new HttpApiView.Route("r4", "GET /policy/{id}", "integrations/i1", "CUSTOM", "a2"),
                new HttpApiView.Route("r6", "GET /legacy/{id}", "integrations/i2", "NONE", null)));
        if (withDefaultRoute) {
            routes.add(new HttpApiView.Route("r5", "$default", "integrations/i1", "NONE", null));
        }
        return new HttpApiView("abc123", "us-east-1", "123456789012", routes,
                Map.of("i1", new HttpApiView.Integration("i1", "AWS_PROXY", HELLO_URI, "2.0", 30000),
                        "i2", new HttpApiView.Integration("i2", "AWS_PROXY", LEGACY, "1.0", 30000)),
                Map.of("a1", new HttpApiView.Authorizer("a1", "simple", AUTH, List.of("$request.header.Authorization"), true, "2.0", 300),
                        "a2", new HttpApiView.Authorizer("a2", "policy", POLICY_AUTH, List.of("$request.querystring.token"), false, "2.0", 0)),
                stages);
    }

    private HttpApiDataPlane plane(HttpApiView api) {
        return new HttpApiDataPlane(id -> id.equals(api.apiId()) ? Optional.of(api) : Optional.empty(), invoker);
    }

    private static GatewayRequest get(String path, String query, Map<String, List<String>> extraHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("abc123.execute-api.localhost:4566"));
        headers.put("User-Agent", List.of("curl/8.0"));
        headers.putAll(extraHeaders);
        return new GatewayRequest("GET", path, query, headers, new byte[0], "127.0.0.1");
    }

    private static String body(GatewayResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyAnsweredRequestIsOneAccessLogEntryNamingTheIntegrationsFunctionWhenARouteMatched() {
        List<AccessLog.Entry> entries = new java.util.ArrayList<>();
        HttpApiView view = api(Set.of("prod"), false);
        HttpApiDataPlane plane = new HttpApiDataPlane(id -> Optional.of(view), invoker, entries::add);

        plane.handle("abc123", get("/prod/hello/ada", "", Map.of()));
        plane.handle("abc123", get("/prod/nowhere", "", Map.of()));

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).satisfies(e -> {
            assertThat(e.apiId()).isEqualTo("abc123");
            assertThat(e.stage()).isEqualTo("prod");
            assertThat(e.method() + " " + e.path() + " " + e.status()).isEqualTo("GET /hello/ada 201");
            assertThat(e.integrationUri()).isEqualTo(HELLO_URI);
            assertThat(e.durationMillis()).isNotNegative();
        });
        assertThat(entries.get(1).status()).isEqualTo(404);
        assertThat(entries.get(1).integrationUri()).isNull();
    }

    @Test
    void buildsThePayloadV2EventFieldByFieldAsApiGatewayDoes() {
        GatewayResponse response = plane(api(Set.of("prod", "$default"), true)).handle("abc123", get("/prod/hello/w%20orld",
                "b=2&a=1&a=3", Map.of("Cookie", List.of("c1=v1; c2=v2"), "X-Multi", List.of("one", "two"))));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("x-a", List.of("1")).containsKey("apigw-requestid");
        assertThat(body(response)).isEqualTo("made");

        RecordingInvoker.Call call = invoker.calls.get(0);
        assertThat(call.functionRef()).isEqualTo(HELLO_URI);
        assertThat(call.principal()).isEqualTo("apigateway.amazonaws.com");
        assertThat(call.sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/hello/{name}");
        JsonNode event = call.event();
        // the top-level fields of AWS's documented payload 2.0 sample (no body: none was sent; no stage variables)
        assertThat(fieldNames(event)).containsExactlyInAnyOrder("version", "routeKey", "rawPath", "rawQueryString", "cookies",
                "headers", "queryStringParameters", "requestContext", "pathParameters", "isBase64Encoded");
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /hello/{name}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/prod/hello/w%20orld");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("b=2&a=1&a=3");
        assertThat(event.path("cookies")).isEqualTo(JSON.valueToTree(List.of("c1=v1", "c2=v2")));
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-multi").asText()).isEqualTo("one,two");
        assertThat(headers.path("user-agent").asText()).isEqualTo("curl/8.0");
        assertThat(headers.path("host").asText()).isEqualTo("abc123.execute-api.localhost:4566");
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.path("x-forwarded-port").asText()).isEqualTo("4566");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(event.path("queryStringParameters")).isEqualTo(JSON.valueToTree(Map.of("b", "2", "a", "1,3")));
        assertThat(event.path("pathParameters")).isEqualTo(JSON.valueToTree(Map.of("name", "w orld")));
        assertThat(event.path("isBase64Encoded").asBoolean(true)).isFalse();

        JsonNode context = event.path("requestContext");
        assertThat(fieldNames(context)).containsExactlyInAnyOrder("accountId", "apiId", "domainName", "domainPrefix", "http",
                "requestId", "routeKey", "stage", "time", "timeEpoch");
        assertThat(context.path("accountId").asText()).isEqualTo("123456789012");
        assertThat(context.path("apiId").asText()).isEqualTo("abc123");
        assertThat(context.path("domainName").asText()).isEqualTo("abc123.execute-api.localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("abc123");
        assertThat(context.path("http")).isEqualTo(JSON.valueToTree(Map.of("method", "GET", "path", "/prod/hello/w%20orld",
                "protocol", "HTTP/1.1", "sourceIp", "127.0.0.1", "userAgent", "curl/8.0")));
        assertThat(context.path("requestId").asText()).matches("[A-Za-z0-9+/]{14}==").isEqualTo(response.headers().get("apigw-requestid").get(0));
        assertThat(context.path("routeKey").asText()).isEqualTo("GET /hello/{name}");
        assertThat(context.path("stage").asText()).isEqualTo("prod");
        assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void theDefaultStageServesTheWholePathAndEncodesBinaryBodies() {
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        byte[] binary = {0, 1, 2, (byte) 0xff};
        GatewayRequest upload = new GatewayRequest("POST", "/upload", "", Map.of("Content-Type", List.of("application/octet-stream")),
                binary, "10.0.0.1");
        assertThat(plane.handle("abc123", upload).status()).isEqualTo(201);
        JsonNode event = invoker.calls.get(0).event();
        assertThat(event.path("rawPath").asText()).isEqualTo("/upload");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.path("body").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(binary));
        assertThat(event.has("queryStringParameters")).isFalse();

        GatewayRequest json = new GatewayRequest("POST", "/upload", "", Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "10.0.0.1");
        plane.handle("abc123", json);
        assertThat(invoker.calls.get(1).event().path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(invoker.calls.get(1).event().path("isBase64Encoded").asBoolean()).isFalse();

        // a server that split off the first segment as a stage gets it put back on the $default stage
        plane.handle("abc123", "hello", get("/bob", "", Map.of()));
        assertThat(invoker.calls.get(2).event().path("rawPath").asText()).isEqualTo("/hello/bob");
        assertThat(invoker.calls.get(2).event().path("routeKey").asText()).isEqualTo("GET /hello/{name}");
    }

    @Test
    void unknownApisStagesAndRoutesAreNotFound() {
        HttpApiDataPlane plane = plane(api(Set.of("prod"), false));
        assertThat(plane.handle("nope", get("/prod/hello/x", "", Map.of())).status()).isEqualTo(404);
        GatewayResponse noStage = plane.handle("abc123", get("/dev/hello/x", "", Map.of()));
        assertThat(noStage.status()).isEqualTo(404);
        assertThat(body(noStage)).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(body(plane.handle("abc123", get("/prod/nothing/here", "", Map.of())))).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(invoker.calls).isEmpty();
    }

    @Test
    void aFailedOrForbiddenInvocationIsAnInternalServerError() {
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        invoker.fail(HELLO_URI);
        GatewayResponse failed = plane.handle("abc123", get("/hello/x", "", Map.of()));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(body(failed)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        invoker.throwing.put(HELLO_URI, new ServiceInvoker.NotPermittedException("no statement allows apigateway"));
        assertThat(plane.handle("abc123", get("/hello/x", "", Map.of())).status()).isEqualTo(500);
        invoker.throwing.clear();
        invoker.answer(HELLO_URI, "not json");
        assertThat(plane.handle("abc123", get("/hello/x", "", Map.of())).status()).isEqualTo(500);
    }

    @Test
    void aMissingIdentitySourceIsUnauthorizedWithoutInvokingTheAuthorizer() {
        GatewayResponse response = plane(api(Set.of("$default"), true)).handle("abc123", get("/secure", "", Map.of()));
        assertThat(response.status()).isEqualTo(401);
        assertThat(body(response)).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(invoker.calls).isEmpty();
    }

    @Test
    void aSimpleAuthorizerAllowsPassesItsContextAndIsCachedByIdentity() {
        invoker.answer(AUTH, "{\"isAuthorized\":true,\"context\":{\"user\":\"ann\",\"admin\":false}}");
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        Map<String, List<String>> token = Map.of("Authorization", List.of("Bearer t1"));
        assertThat(plane.handle("abc123", get("/secure", "", token)).status()).isEqualTo(201);
        assertThat(plane.handle("abc123", get("/secure", "", token)).status()).isEqualTo(201);

        List<RecordingInvoker.Call> authCalls = invoker.callsTo(AUTH);
        assertThat(authCalls).hasSize(1);
        JsonNode authEvent = authCalls.get(0).event();
        assertThat(authCalls.get(0).sourceArn()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/authorizers/a1");
        assertThat(authEvent.path("version").asText()).isEqualTo("2.0");
        assertThat(authEvent.path("type").asText()).isEqualTo("REQUEST");
        assertThat(authEvent.path("routeArn").asText()).isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abc123/$default/GET/secure");
        assertThat(authEvent.path("identitySource")).isEqualTo(JSON.valueToTree(List.of("Bearer t1")));
        assertThat(authEvent.path("routeKey").asText()).isEqualTo("GET /secure");
        assertThat(authEvent.path("headers").path("authorization").asText()).isEqualTo("Bearer t1");
        assertThat(authEvent.has("body")).isFalse();

        JsonNode routeEvent = invoker.callsTo(HELLO_URI).get(0).event();
        assertThat(routeEvent.path("requestContext").path("authorizer"))
                .isEqualTo(JSON.valueToTree(Map.of("lambda", Map.of("user", "ann", "admin", false))));
    }

    @Test
    void aSimpleAuthorizerThatDeniesOrFailsKeepsTheRouteClosed() {
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        invoker.answer(AUTH, "{\"isAuthorized\":false}");
        GatewayResponse denied = plane.handle("abc123", get("/secure", "", Map.of("Authorization", List.of("bad"))));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(body(denied)).isEqualTo("{\"message\":\"Forbidden\"}");
        invoker.fail(AUTH);
        assertThat(plane.handle("abc123", get("/secure", "", Map.of("Authorization", List.of("other")))).status()).isEqualTo(500);
        invoker.answer(AUTH, "{\"isAuthorized\":\"yes\"}");
        assertThat(plane.handle("abc123", get("/secure", "", Map.of("Authorization", List.of("third")))).status()).isEqualTo(500);
        assertThat(invoker.callsTo(HELLO_URI)).isEmpty();
    }

    @Test
    void anIamPolicyAuthorizerIsEvaluatedAgainstTheRouteArn() {
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        invoker.answer(POLICY_AUTH, """
                {"principalId":"u1","policyDocument":{"Version":"2012-10-17","Statement":[
                  {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/policy/*"},
                  {"Action":"execute-api:Invoke","Effect":"Deny","Resource":["arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/policy/secret"]}]},
                 "context":{"tier":"gold"}}""");
        assertThat(plane.handle("abc123", get("/policy/7", "token=t", Map.of())).status()).isEqualTo(201);
        assertThat(invoker.callsTo(HELLO_URI).get(0).event().path("requestContext").path("authorizer").path("lambda").path("tier").asText())
                .isEqualTo("gold");
        assertThat(plane.handle("abc123", get("/policy/secret", "token=t", Map.of())).status()).isEqualTo(403);
        assertThat(plane.handle("abc123", get("/policy/7", "", Map.of())).status()).isEqualTo(401);
    }

    @Test
    void payloadFormat1IntegrationsGetTheRestStyleEventAndMustAnswerWithAStatusCode() {
        invoker.answer(LEGACY, "{\"statusCode\":202,\"multiValueHeaders\":{\"x-v\":[\"1\",\"2\"]},\"body\":\"v1\"}");
        HttpApiDataPlane plane = plane(api(Set.of("$default"), true));
        GatewayResponse response = plane.handle("abc123", get("/legacy/42", "a=1&a=2",
                Map.of("X-Multi", List.of("one, two", "three"))));
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers()).containsEntry("x-v", List.of("1", "2"));
        JsonNode event = invoker.callsTo(LEGACY).get(0).event();
        assertThat(event.path("version").asText()).isEqualTo("1.0");
        assertThat(event.path("resource").asText()).isEqualTo("/legacy/{id}");
        assertThat(event.path("path").asText()).isEqualTo("/legacy/42");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("headers").path("x-multi").asText()).isEqualTo("three");
        assertThat(event.path("multiValueHeaders").path("x-multi")).isEqualTo(JSON.valueToTree(List.of("one, two", "three")));
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("2");
        assertThat(event.path("multiValueQueryStringParameters").path("a")).isEqualTo(JSON.valueToTree(List.of("1", "2")));
        assertThat(event.path("pathParameters")).isEqualTo(JSON.valueToTree(Map.of("id", "42")));
        assertThat(event.path("requestContext").path("resourcePath").asText()).isEqualTo("/legacy/{id}");
        assertThat(event.path("requestContext").path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("body").isNull()).isTrue();
        assertThat(event.path("isBase64Encoded").asBoolean(true)).isFalse();

        invoker.answer(LEGACY, "{\"message\":\"no status code\"}");
        assertThat(plane.handle("abc123", get("/legacy/42", "", Map.of())).status()).isEqualTo(500);
    }

    @Test
    void anIntegrationSlowerThanItsTimeoutIsServiceUnavailable() {
        String slow = "arn:aws:lambda:us-east-1:123456789012:function:slow";
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ServiceInvoker blocking = (ref, principal, source, payload) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new io.javeze.local.exec.InvocationResult("{}".getBytes(StandardCharsets.UTF_8), null, "", 1);
        };
        HttpApiView api = new HttpApiView("slow1", "us-east-1", "123456789012",
                List.of(new HttpApiView.Route("r", "$default", "integrations/i", "NONE", null)),
                Map.of("i", new HttpApiView.Integration("i", "AWS_PROXY", slow, "2.0", 50)), Map.of(), Set.of("$default"));
        try {
            GatewayResponse response = new HttpApiDataPlane(id -> Optional.of(api), blocking).handle("slow1", get("/x", "", Map.of()));
            assertThat(response.status()).isEqualTo(503);
            assertThat(body(response)).isEqualTo("{\"message\":\"Service Unavailable\"}");
        } finally {
            release.countDown();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
