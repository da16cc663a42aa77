package io.javeze.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading events field by field: unknown and nested fields are skipped wherever they come, nulls stay absent. */
class EventJsonTest {
    @Test
    void httpEventSkipsUnknownNestedFieldsAndKeepsLambdaAuthorizerValuesTyped() throws IOException {
        HttpEvent event = EventJson.readHttp(json("""
                {"stageVariables": {"a": {"deep": [1, {"x": null}]}}, "version": "2.0", "routeKey": "GET /a/{b}",
                 "requestContext": {"authentication": {"clientCert": {"validity": {"notBefore": "x"}}},
                   "authorizer": {"jwt": {"claims": {"sub": "1"}}, "lambda": {"user": "ada", "n": 2, "r": 0.5, "ok": false,
                     "roles": ["a", "b"], "nested": {"k": "v"}, "none": null}},
                   "http": {"method": "PUT", "sourceIp": "192.0.2.1", "protocol": "HTTP/1.1"}, "requestId": "r-1", "timeEpoch": 1583348638390},
                 "headers": {"accept": "a,b", "x-empty": ""}, "cookies": ["a=1", "b=2"], "pathParameters": {"b": "7"},
                 "queryStringParameters": null, "body": "eyJ9", "isBase64Encoded": true}
                """));
        assertThat(event.routeKey()).isEqualTo("GET /a/{b}");
        assertThat(event.method()).isEqualTo("PUT");
        assertThat(event.sourceIp()).isEqualTo("192.0.2.1");
        assertThat(event.requestId()).isEqualTo("r-1");
        assertThat(event.headers()).containsExactly(Map.entry("accept", "a,b"), Map.entry("x-empty", ""));
        assertThat(event.cookies()).containsExactly("a=1", "b=2");
        assertThat(event.pathParameters()).containsExactly(Map.entry("b", "7"));
        assertThat(event.queryStringParameters()).isNull();
        assertThat(event.body()).isEqualTo("eyJ9");
        assertThat(event.isBase64Encoded()).isTrue();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("user", "ada");
        expected.put("n", 2);
        expected.put("r", 0.5);
        expected.put("ok", false);
        expected.put("roles", List.of("a", "b"));
        expected.put("nested", Map.of("k", "v"));
        expected.put("none", null);
        assertThat(event.authorizerContext()).isEqualTo(expected);
    }

    @Test
    void authAndSqsEventsReadOnlyWhatTheyBind() throws IOException {
        AuthEvent auth = EventJson.readAuth(json("""
                {"type": "REQUEST", "identitySource": ["Bearer t", "acme"], "routeArn": "arn:x", "rawPath": "/p",
                 "requestContext": {"http": {"method": "GET"}, "requestId": "r-2"}, "headers": {"authorization": "Bearer t"}}
                """));
        assertThat(auth.identitySource()).containsExactly("Bearer t", "acme");
        assertThat(auth.requestId()).isEqualTo("r-2");
        assertThat(auth.headers()).containsEntry("authorization", "Bearer t");

        SqsEvent sqs = EventJson.readSqs(json("""
                {"Records": [{"messageAttributes": {"a": {"stringValue": "x"}}, "messageId": "m1", "body": "{\\"a\\":1}",
                  "attributes": {"ApproximateReceiveCount": "1"}}, {"messageId": "m2", "body": ""}]}
                """));
        assertThat(sqs.records()).containsExactly(new SqsEvent.Message("m1", "{\"a\":1}"), new SqsEvent.Message("m2", ""));
    }

    @Test
    void responsesLeaveOutNullsAndKeepTheCallersStreamOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the output stream belongs to the Lambda runtime");
            }
        };
        EventJson.writeHttp(new HttpResponse(204, null, null, null, false), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":204,\"isBase64Encoded\":false}");
        out.reset();
        EventJson.writeHttp(new HttpResponse(200, Map.of("Content-Type", "text/plain"), List.of("a=1"), "hé \"x\"", true), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
                + "\"cookies\":[\"a=1\"],\"body\":\"hé \\\"x\\\"\",\"isBase64Encoded\":true}");
        out.reset();
        EventJson.writeAuth(true, Map.of("n", 1), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"isAuthorized\":true,\"context\":{\"n\":1}}");
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
