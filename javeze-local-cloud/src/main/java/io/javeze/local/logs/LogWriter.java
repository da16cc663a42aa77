package io.javeze.local.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.exec.FunctionLogSink;
import io.javeze.local.gateway.AccessLog;
import io.javeze.local.http.Json;

/**
 * The engine's side of CloudWatch Logs: what the local cloud itself writes. Function output goes to
 * {@code /aws/lambda/{function}}, as on AWS; HTTP API requests to {@value #ACCESS_LOG_PREFIX}{@code {apiId}}.
 */
public final class LogWriter implements FunctionLogSink {
    public static final String ACCESS_LOG_PREFIX = "/javeze/local/http-api/";
    private final LogsStore store;

    public LogWriter(LogsStore store) {
        this.store = store;
    }

    @Override
    public void append(String functionName, String logStream, long timestampMillis, String message) {
        store.append("/aws/lambda/" + functionName, logStream, timestampMillis, message);
    }

    /**
     * Every HTTP API request the local cloud answered, one JSON line per request in the log group
     * {@value #ACCESS_LOG_PREFIX}{@code {apiId}} (stream: the stage). A local-cloud extension, read like any log group
     * (FilterLogEvents): {@code javeze dev} streams it as request lines. Written only while that group exists: a reader
     * opts in by creating it (CreateLogGroup, as {@code javeze dev} does), as stage access logging is opted into on AWS;
     * otherwise a request costs no log write.
     */
    public void accessLog(AccessLog.Entry entry) {
        String group = ACCESS_LOG_PREFIX + entry.apiId();
        if (!store.hasGroup(group)) {
            return;
        }
        ObjectNode line = Json.object().put("requestId", entry.requestId()).put("method", entry.method())
                .put("path", entry.path()).put("status", entry.status()).put("durationMs", entry.durationMillis());
        if (entry.integrationUri() != null) {
            line.put("function", entry.integrationUri());
        }
        store.append(group, entry.stage(), entry.timeEpochMillis(), line.toString());
    }
}
