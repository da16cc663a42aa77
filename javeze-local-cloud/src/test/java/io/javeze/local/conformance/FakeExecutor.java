package io.javeze.local.conformance;

import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionLogSink;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only stand-in for the process executor, so control-plane tests need no JVM per function: echoes the payload,
 * fails when it contains {@code "fail"}, and reports SQS records whose body contains {@code "bad"} as batch item failures;
 * answers an SQS batch containing {@code "garbled"} with a payload that is not JSON, and takes 5 s over {@code "slow"}.
 * Each call writes one log line through the real log sink.
 */
final class FakeExecutor implements FunctionExecutor {
    record Call(FunctionRuntimeConfig function, String payload) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> evicted = new CopyOnWriteArrayList<>();
    private final FunctionLogSink logs;

    FakeExecutor(FunctionLogSink logs) {
        this.logs = logs;
    }

    @Override
    public InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId) {
        String body = new String(payload, StandardCharsets.UTF_8);
        calls.add(new Call(function, body));
        logs.append(function.functionName(), "2026/01/01/[$LATEST]fake", System.currentTimeMillis(), "invoked " + requestId);
        if (body.contains("fail")) {
            return new InvocationResult("{\"errorMessage\":\"asked to fail\",\"errorType\":\"java.lang.IllegalStateException\"}"
                    .getBytes(StandardCharsets.UTF_8), "Unhandled", "START RequestId: " + requestId + "\nasked to fail\n", 1);
        }
        if (body.contains("slow")) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (body.contains("\"eventSource\":\"aws:sqs\"") && body.contains("garbled")) {
            return new InvocationResult("not a batch response".getBytes(StandardCharsets.UTF_8), null, "ok\n", 1);
        }
        if (body.contains("\"eventSource\":\"aws:sqs\"")) {
            StringBuilder failures = new StringBuilder("{\"batchItemFailures\":[");
            var matcher = java.util.regex.Pattern.compile("\"messageId\":\"([^\"]+)\",\"receiptHandle\":\"[^\"]+\",\"body\":\"([^\"]*)\"")
                    .matcher(body);
            boolean first = true;
            while (matcher.find()) {
                if (matcher.group(2).contains("bad")) {
                    failures.append(first ? "" : ",").append("{\"itemIdentifier\":\"").append(matcher.group(1)).append("\"}");
                    first = false;
                }
            }
            return new InvocationResult(failures.append("]}").toString().getBytes(StandardCharsets.UTF_8), null, "ok\n", 1);
        }
        return new InvocationResult(payload, null, "START RequestId: " + requestId + "\nEND\n", 1);
    }

    @Override
    public void evict(String functionArn) {
        evicted.add(functionArn);
    }

    @Override
    public void evict(String functionArn, String version) {
        evicted.add(functionArn);
        evicted.add(functionArn + ":" + version);
    }

    @Override
    public void close() {
    }
}
