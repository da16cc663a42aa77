package bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One cold start, as the Lambda Java runtime does it: load the handler class by name, instantiate it, deserialize
 * an HTTP API payload 2.0 event with {@link LambdaEventSerializers}, invoke, serialize the response.
 *
 * <p>Usage: {@code ColdStart <handler class> <event.json> <launch time in epoch nanoseconds>}. Prints
 * {@code <microseconds from launch to serialized response> <process CPU milliseconds> <microseconds from main() to
 * serialized response> <status> <body>}. The last figure leaves out JVM boot, the same for both variants.
 */
public final class ColdStart {
    private ColdStart() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String handlerClass = args[0];
        Path eventFile = Path.of(args[1]);
        long launchedNanos = Long.parseLong(args[2]);

        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(handlerClass, true, loader);
        RequestHandler handler = (RequestHandler) type.getDeclaredConstructor().newInstance();
        PojoSerializer<APIGatewayV2HTTPEvent> in = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        PojoSerializer<APIGatewayV2HTTPResponse> out = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);

        APIGatewayV2HTTPEvent event;
        try (InputStream json = Files.newInputStream(eventFile)) {
            event = in.fromJson(json);
        }
        APIGatewayV2HTTPResponse response = (APIGatewayV2HTTPResponse) handler.handleRequest(event, new BenchContext());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        out.toJson(response, body);

        Instant now = Instant.now();
        long inMainMicros = (System.nanoTime() - mainStarted) / 1000;
        long cpuMillis = processCpuMillis();
        long micros = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - launchedNanos) / 1000;
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("handler answered " + body.toString(StandardCharsets.UTF_8));
        }
        System.out.println(micros + " " + cpuMillis + " " + inMainMicros + " " + response.getStatusCode() + " " + response.getBody());
    }

    /**
     * CPU time of the whole JVM so far (all threads: JIT, GC, class loading), from /proc/self/stat in 10 ms ticks.
     * Unlike wall time it barely moves when other processes compete for the CPU.
     */
    private static long processCpuMillis() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        return ticks * 10;
    }

    /** The little of {@link Context} a handler may touch. */
    private static final class BenchContext implements Context {
        public String getAwsRequestId() { return "bench-request"; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 10_000; }
        public int getMemoryLimitInMB() { return 512; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.err.print(message); }
                public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
