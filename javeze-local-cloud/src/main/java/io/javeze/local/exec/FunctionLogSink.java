package io.javeze.local.exec;

/** Where function output goes: CloudWatch Logs of the local cloud, log group {@code /aws/lambda/{function}}. */
public interface FunctionLogSink {
    void append(String functionName, String logStream, long timestampMillis, String message);
}
