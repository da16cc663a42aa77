package io.javeze.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.aws.AwsClients;
import io.javeze.cli.logs.LinePrinter;
import io.javeze.cli.logs.LogFollower;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.DeployReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code javeze dev} streams while it watches: every request the local cloud's HTTP API answered (its access
 * log group, {@code /javeze/local/http-api/{apiId}}) and every log line of every function, subscribers included,
 * each prefixed by the function's short name. Polls the local cloud with the {@link LogFollower} of {@code javeze logs}.
 */
final class RequestStream implements AutoCloseable {
    static final String ACCESS_LOG_PREFIX = io.javeze.local.logs.LogWriter.ACCESS_LOG_PREFIX;
    private static final long POLL_MILLIS = 250;

    private final AwsClients aws;
    private final LinePrinter printer;
    private final LogFollower follower;
    private volatile List<LogFollower.Source> sources = List.of();
    /** Lambda name to short name, for the access log's function ARNs. */
    private final Map<String, String> shortNames = new ConcurrentHashMap<>();
    private Thread thread;

    RequestStream(AwsClients aws, Path projectDir, PrintWriter out) {
        this.aws = aws;
        this.printer = new LinePrinter(out, List.of());
        this.follower = new LogFollower(aws.logs(), System.currentTimeMillis());
    }

    /** Streams the functions and API of the latest deploy. */
    void follow(DeployReport report) {
        List<LogFollower.Source> next = new ArrayList<>();
        if (report.apiId() != null) {
            enableAccessLog(ACCESS_LOG_PREFIX + report.apiId());
            next.add(new LogFollower.Source(ACCESS_LOG_PREFIX + report.apiId(), "http"));
        }
        for (DeployReport.FunctionResult f : report.functions()) {
            if ("deleted".equals(f.action())) continue;
            shortNames.put(f.lambdaName(), f.name());
            printer.widen(f.name());
            next.add(new LogFollower.Source("/aws/lambda/" + f.lambdaName(), f.name()));
        }
        sources = List.copyOf(next);
    }

    /** The local cloud writes an API's access log only while its group exists: creating it turns the log on. */
    private void enableAccessLog(String group) {
        try {
            aws.logs().createLogGroup(b -> b.logGroupName(group));
        } catch (RuntimeException e) {
            if (!io.javeze.aws.AwsErrors.isAlreadyExists(e)) throw e;
        }
    }

    void start() {
        thread = new Thread(this::run, "javeze-dev-logs");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (LogFollower.Line line : follower.poll(sources)) {
                    if (line.logGroup().startsWith(ACCESS_LOG_PREFIX)) {
                        printRequest(line.message());
                    } else {
                        printer.print(line);
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the local cloud restarting or busy: try again at the next poll
                sleepQuietly();
            }
        }
    }

    private void printRequest(String message) {
        try {
            JsonNode r = ManifestStore.json().readTree(message);
            String name = functionName(r.path("function").asText(""));
            String label = name == null ? "http" : shortNames.getOrDefault(name, name);
            printer.print(label, r.path("method").asText() + " " + r.path("path").asText() + " " + r.path("status").asInt()
                    + " " + r.path("durationMs").asLong() + " ms");
        } catch (IOException e) {
            printer.print("http", message);
        }
    }

    /**
     * The function's name in an integration URI: a Lambda ARN ({@code ...:function:NAME[:qualifier]}) or API Gateway's
     * {@code arn:aws:apigateway:...:lambda:path/2015-03-31/functions/<Lambda ARN>/invocations}; null for none.
     */
    static String functionName(String integrationUri) {
        int at = integrationUri.lastIndexOf(":function:");
        if (at < 0) return null;
        String rest = integrationUri.substring(at + ":function:".length());
        return rest.split("[:/]", 2)[0];
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (thread != null) thread.interrupt();
    }
}
