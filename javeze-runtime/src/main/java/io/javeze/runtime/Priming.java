package io.javeze.runtime;

import io.javeze.HttpException;
import io.javeze.runtime.event.AuthEvent;
import io.javeze.runtime.event.EventJson;
import io.javeze.runtime.event.HttpEvent;
import io.javeze.runtime.event.HttpResponse;
import io.javeze.runtime.event.SqsEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnapStart priming, run by the generated handlers' {@code beforeCheckpoint}: a synthetic request through the
 * generated code (event parsing, argument binding, response writing) and the JSON codec, so that the snapshot holds
 * loaded, initialized and partly compiled classes. It never calls the user's method: the synthetic call is marked
 * {@code priming} and the generated code stops before the call; no user type is constructed.
 */
public final class Priming {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}+]+)\\+?}");

    /** A javeze-owned value to warm jackson-jr's record binding with, in both directions. */
    record Sample(String name, int count, List<String> tags, Map<String, Object> extra) {}

    private Priming() {}

    /** A synthetic request for {@code routeKey} ({@code GET /users/{id}}) through a generated route handler. */
    public static void route(String routeKey, Class<?> userClass, Function<HttpCall, HttpResponse> handler) {
        String path = routeKey.substring(routeKey.indexOf(' ') + 1);
        StringBuilder pathParameters = new StringBuilder();
        Matcher variables = PATH_VARIABLE.matcher(path);
        while (variables.find()) {
            pathParameters.append(pathParameters.length() == 0 ? "" : ",").append('"').append(variables.group(1)).append("\":\"1\"");
        }
        String event = "{\"version\":\"2.0\",\"routeKey\":" + quote(routeKey) + ",\"rawPath\":" + quote(PATH_VARIABLE.matcher(path).replaceAll("1"))
                + ",\"rawQueryString\":\"a=1&a=2\",\"cookies\":[\"a=1\"],\"headers\":{\"accept\":\"*/*\",\"content-type\":\"application/json\"},"
                + "\"queryStringParameters\":{\"a\":\"1,2\"},\"pathParameters\":{" + pathParameters + "},"
                + "\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\"GET\",\"path\":\"/\",\"sourceIp\":\"127.0.0.1\"},"
                + "\"authorizer\":{\"lambda\":{\"a\":\"1\",\"n\":1,\"b\":true}}},\"isBase64Encoded\":false}";
        try {
            HttpEvent parsed = EventJson.readHttp(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            HttpCall call = new HttpCall(parsed, null, null, true);
            call.request().headers();
            OutputStream sink = OutputStream.nullOutputStream();
            call.write(handler.apply(call), sink);
            call.write(call.text("primed"), sink);
            call.write(call.bytes(new byte[] {1}), sink);
            call.write(call.json(new Sample("primed", 1, List.of("a"), Map.of("b", true))), sink);
            call.write(call.failure(HttpException.badRequest("priming")), sink);
            json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load(userClass);
    }

    /** A synthetic authorizer request through a generated auth handler. */
    public static void auth(Class<?> userClass, Function<AuthCall, Map<String, Object>> handler) {
        String event = "{\"version\":\"2.0\",\"type\":\"REQUEST\",\"routeArn\":\"arn:aws:execute-api:us-east-1:123456789012:api/$default/GET/\","
                + "\"identitySource\":[\"priming\"],\"routeKey\":\"GET /\",\"rawPath\":\"/\",\"headers\":{\"authorization\":\"priming\"},"
                + "\"requestContext\":{\"requestId\":\"priming\",\"http\":{\"method\":\"GET\"}}}";
        try {
            AuthEvent parsed = EventJson.readAuth(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            AuthCall call = new AuthCall(parsed, null, null, true);
            call.request().token();
            call.write(handler.apply(call), OutputStream.nullOutputStream());
            call.write(call.result(io.javeze.AuthResult.allow(Map.of("a", "1", "n", 1, "b", true))), OutputStream.nullOutputStream());
            json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load(userClass);
    }

    /** A synthetic SQS batch (an SNS envelope and a raw message) through the subscriber code, without the user's method. */
    public static void subscriber(Class<?> userClass) {
        String envelope = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:t\",\"Message\":\"{}\"}";
        String event = "{\"Records\":[{\"messageId\":\"1\",\"body\":" + quote(envelope) + ",\"eventSource\":\"aws:sqs\"},"
                + "{\"messageId\":\"2\",\"body\":\"raw\"}]}";
        try {
            SqsEvent parsed = SubscriberCall.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            SubscriberCall.each(parsed, null, message -> { });
            SubscriberCall.write(List.of("2"), OutputStream.nullOutputStream());
            json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load(userClass);
    }

    /** A synthetic Scheduler payload through the schedule code, without the user's method. */
    public static void schedule(Class<?> userClass) {
        String event = "{\"scheduleArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule/default/priming\","
                + "\"scheduledTime\":\"2024-01-01T00:00:00Z\",\"executionId\":\"priming\",\"attemptNumber\":\"1\"}";
        try {
            ScheduleCall.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            ScheduleCall.write(OutputStream.nullOutputStream());
            json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load(userClass);
    }

    /** jackson-jr both ways, with records, maps and lists: what JSON bodies, results and messages go through. */
    private static void json() {
        String text = Json.write(new Sample("primed", 1, List.of("a"), Map.of("b", true, "n", 1.5)));
        Json.read(text, Sample.class);
        Json.readList("[" + text + "]", Sample.class);
        Json.readMap(text);
    }

    /**
     * The generated code names the user's class with a class literal, which loads it without initializing it (no
     * static initializer of user code runs); this only checks it is there.
     */
    private static void load(Class<?> userClass) {
        java.util.Objects.requireNonNull(userClass, "userClass");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
