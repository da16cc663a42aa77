package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** AWS's size limits and malformed bodies get AWS's 4xx answers, never a 200 or a 500. */
class RequestLimitsTest {
    @TempDir
    Path dir;

    @Test
    void httpApiBodiesOverTenMegabytesAndEventsOverSixAreRefusedWith413() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir)) {
            var api = fx.aws.apiGateway();
            String apiId = api.createApi(r -> r.name("big").protocolType(ProtocolType.HTTP)).apiId();
            String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri("arn:aws:lambda:us-east-1:000000000000:function:absent").payloadFormatVersion("2.0")).integrationId();
            api.createRoute(r -> r.apiId(apiId).routeKey("POST /upload").target("integrations/" + integration));
            api.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            HttpClient http = HttpClient.newHttpClient();
            for (int megabytes : new int[] {7, 11}) {
                var answer = http.send(HttpRequest.newBuilder(fx.endpoint().resolve("/_api/" + apiId + "/upload"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[megabytes * 1024 * 1024])).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(megabytes + " MB").isEqualTo(413);
                assertThat(answer.body()).contains("Request Entity Too Large");
            }
            assertThat(fx.executor == null || fx.executor.calls.isEmpty()).isTrue();
        }
    }

    @Test
    void invokePayloadsOverSixMegabytesAreRequestTooLarge() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String big = "{\"a\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
            var answer = fx.raw("POST", "/2015-03-31/functions/any/invocations", "lambda", Map.of("Content-Type", "application/json"), big);
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestTooLargeException");
        }
    }

    @Test
    void aFormBodyThatIsNotUrlEncodingIsA400() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            var answer = fx.raw("POST", "/", "sns", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Action=Publish&TopicArn=x&Message=%zz%");
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("<Code>MalformedQueryString</Code>");
        }
    }
}
