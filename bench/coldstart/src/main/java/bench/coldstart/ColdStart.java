package bench.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start, as the Lambda Java runtime does it: load the handler class by name, instantiate it, and either hand
 * a {@code RequestStreamHandler} the event's bytes, or for a {@code RequestHandler} deserialize the HTTP API payload 2.0
 * event with {@code LambdaEventSerializers}, invoke and serialize the response ({@link PojoInvoke}, a class of its own
 * so that a stream handler's run never loads the serializer).
 *
 * <p>Usage: {@code ColdStart <handler class> <event.json> <launch time in epoch nanoseconds> [expected status, default 200]}. Prints
 * {@code <microseconds from launch to serialized response> <process CPU milliseconds> <microseconds from main() to
 * serialized response> <status> <body>}. The last figure leaves out JVM boot, the same for every variant.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        String handlerClass = args[0];
        Path eventFile = Path.of(args[1]);
        long launchedNanos = Long.parseLong(args[2]);
        String expected = args.length > 3 ? args[3] : "200";

        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(handlerClass, true, loader);
        Object handler = type.getDeclaredConstructor().newInstance();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = Files.newInputStream(eventFile)) {
            if (handler instanceof RequestStreamHandler stream) {
                stream.handleRequest(event, response, new BenchContext());
            } else {
                PojoInvoke.invoke(handler, event, response, new BenchContext(), loader);
            }
        }

        Instant now = Instant.now();
        long inMainMicros = (System.nanoTime() - mainStarted) / 1000;
        long cpuMillis = processCpuMillis();
        long micros = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - launchedNanos) / 1000;
        String json = response.toString(StandardCharsets.UTF_8);
        if (!json.replace(" ", "").contains("\"statusCode\":" + expected)) throw new IllegalStateException("handler answered " + json);
        System.out.println(micros + " " + cpuMillis + " " + inMainMicros + " " + expected + " " + field(json, "body"));
    }

    /** A string field of the response, read after the clock stopped (no JSON library: it would load classes). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
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
    static final class BenchContext implements Context {
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
