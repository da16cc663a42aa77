package io.javeze.processor;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes a generated handler the way the Lambda Java runtime does: a {@link RequestStreamHandler} gets the event JSON
 * bytes and writes the answer's; for a {@link RequestHandler} (a function binding an aws-lambda-java-events type) the
 * event JSON is deserialized with aws-lambda-java-serialization's {@link LambdaEventSerializers}, and so is its result.
 */
final class LambdaHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    private LambdaHarness() {}

    /** One of AWS's documented sample events under {@code src/test/resources/events}, to adjust before sending. */
    static ObjectNode sample(String name) {
        try (InputStream in = LambdaHarness.class.getResourceAsStream("/events/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object newHandler(ClassLoader loader, String className) {
        try {
            return loader.loadClass(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot create " + className, e);
        }
    }

    /** Calls the handler with {@code event} as Lambda would, returns its answer as JSON. */
    static JsonNode invoke(Object handler, JsonNode event) {
        byte[] input = event.toString().getBytes(StandardCharsets.UTF_8);
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                stream.handleRequest(new ByteArrayInputStream(input), output, CONTEXT);
                return JSON.readTree(output.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Type type : handler.getClass().getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return invoke(handler, raw(p.getActualTypeArguments()[0]), raw(p.getActualTypeArguments()[1]), event);
            }
        }
        throw new AssertionError(handler.getClass() + " is neither a RequestStreamHandler nor a RequestHandler");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    /** Deserializes {@code event} into {@code inputType}, calls the handler, returns its result serialized to JSON. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonNode invoke(Object handler, Class<?> inputType, Class<?> outputType, JsonNode event) {
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer in = serializer(inputType, loader);
        PojoSerializer out = serializer(outputType, loader);
        Object input = in.fromJson(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)));
        Object result = ((RequestHandler) handler).handleRequest(input, CONTEXT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(result, bytes);
        try {
            return JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serializers are costly to build; the runtime also builds one per handler type and keeps it. */
    private static PojoSerializer<?> serializer(Class<?> type, ClassLoader loader) {
        return SERIALIZERS.computeIfAbsent(type.getName() + "@" + System.identityHashCode(loader),
                key -> LambdaEventSerializers.serializerFor(type, loader));
    }

    private static final Map<String, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    static final Context CONTEXT = new Context() {
        @Override public String getAwsRequestId() { return "c0ffee00-0000-4000-8000-000000000001"; }
        @Override public String getLogGroupName() { return "/aws/lambda/test"; }
        @Override public String getLogStreamName() { return "2026/01/01/[$LATEST]0123"; }
        @Override public String getFunctionName() { return "test"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:test"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    };
}
