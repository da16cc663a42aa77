package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.local.exec.InvocationResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionUrlDataPlaneTest {

    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:web";
    private final List<JsonNode> events = new ArrayList<>();
    private final FunctionUrlDataPlane plane = new FunctionUrlDataPlane((url, payload) -> {
        try {
            events.add(new ObjectMapper().readTree(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InvocationResult("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), null, "", 1);
    });

    private static GatewayRequest request(String method, Map<String, List<String>> headers) {
        return new GatewayRequest(method, "/a/b", "x=1", headers, new byte[0], "127.0.0.1");
    }

    @Test
    void anOpenUrlGetsAPayloadV2EventAndTheInferredResponse() {
        FunctionUrlView url = new FunctionUrlView("abcdef", FN, "NONE", null);
        GatewayResponse response = plane.handle(url, request("GET", Map.of("Host", List.of("abcdef.lambda-url.localhost:4566"))));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        JsonNode event = events.get(0);
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/a/b");
        assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1");
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("anonymous");
        assertThat(context.path("apiId").asText()).isEqualTo("abcdef");
        assertThat(context.path("domainName").asText()).isEqualTo("abcdef.lambda-url.localhost");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("abcdef");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.has("authorizer")).isFalse();
    }

    @Test
    void anIamUrlRefusesUnsignedRequestsAndPassesTheCallerOfSignedOnes() {
        FunctionUrlView url = new FunctionUrlView("abcdef", FN, "AWS_IAM", null);
        GatewayResponse unsigned = plane.handle(url, request("GET", Map.of()));
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(new String(unsigned.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Message\":\"Forbidden\"}");
        assertThat(events).isEmpty();

        GatewayResponse signed = plane.handle(url, request("GET", Map.of("Authorization", List.of(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=abc"))));
        assertThat(signed.status()).isEqualTo(200);
        JsonNode iam = events.get(0).path("requestContext").path("authorizer").path("iam");
        assertThat(iam.path("accessKey").asText()).isEqualTo("AKIDEXAMPLE");
        assertThat(iam.path("accountId").asText()).isEqualTo("123456789012");
    }

    @Test
    void corsPreflightIsAnsweredWithoutInvoking() {
        FunctionUrlView url = new FunctionUrlView("abcdef", FN, "NONE",
                new FunctionUrlView.Cors(false, List.of("content-type"), List.of("GET", "POST"), List.of("https://app.example"), List.of(), 600));
        GatewayResponse preflight = plane.handle(url, request("OPTIONS", Map.of("Origin", List.of("https://app.example"),
                "Access-Control-Request-Method", List.of("POST"))));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.headers()).containsEntry("access-control-allow-origin", List.of("https://app.example"))
                .containsEntry("access-control-allow-methods", List.of("GET,POST"))
                .containsEntry("access-control-max-age", List.of("600"));
        assertThat(events).isEmpty();
        GatewayResponse other = plane.handle(url, request("GET", Map.of("Origin", List.of("https://evil.example"))));
        assertThat(other.headers()).doesNotContainKey("access-control-allow-origin");
    }
}
