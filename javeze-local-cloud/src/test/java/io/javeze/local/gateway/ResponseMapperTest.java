package io.javeze.local.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseMapperTest {

    private static GatewayResponse map(String payload) {
        return ResponseMapper.fromV2(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(GatewayResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aPlainStringIsInferredAsA200JsonResponseWithTheStringAsBody() {
        GatewayResponse response = map("\"Hello from Lambda!\"");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-type", List.of("application/json"));
        assertThat(body(response)).isEqualTo("Hello from Lambda!");
    }

    @Test
    void anObjectWithoutStatusCodeIsInferredWithTheObjectAsBody() {
        GatewayResponse response = map("{\"message\":\"Hello from Lambda!\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).isEqualTo("{\"message\":\"Hello from Lambda!\"}");
        assertThat(body(map("[1,2]"))).isEqualTo("[1,2]");
    }

    @Test
    void aStructuredResponseMapsStatusHeadersCookiesAndBody() {
        GatewayResponse response = map("""
                {"statusCode":302,"headers":{"Location":"/next","X-Multi":["a","b"]},
                 "cookies":["s=1; HttpOnly","t=2"],"body":"moved"}""");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers()).containsEntry("location", List.of("/next"))
                .containsEntry("x-multi", List.of("a", "b"))
                .containsEntry("set-cookie", List.of("s=1; HttpOnly", "t=2"));
        assertThat(body(response)).isEqualTo("moved");
    }

    @Test
    void aBase64BodyIsDecoded() {
        GatewayResponse response = map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"AAH/\"}");
        assertThat(response.body()).containsExactly(0, 1, 0xff);
    }

    @Test
    void invalidResponsesAreRejected() {
        assertThat(map("not json")).isNull();
        assertThat(map("{\"statusCode\":\"abc\"}")).isNull();
        assertThat(map("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\"%%%\"}")).isNull();
    }
}
