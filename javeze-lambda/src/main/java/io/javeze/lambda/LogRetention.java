package io.javeze.lambda;

import io.javeze.aws.AwsErrors;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** How long a function's log group {@code /aws/lambda/NAME} keeps logs. */
public final class LogRetention {
    private LogRetention() {}

    public static String logGroup(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    /** The group's retention in days: null when it keeps logs forever, -1 when the group does not exist yet. */
    public static Integer current(CloudWatchLogsClient logs, String group) {
        LogGroup existing = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(group)).findFirst().orElse(null);
        return existing == null ? Integer.valueOf(-1) : existing.retentionInDays();
    }

    /** Sets the retention, creating the group first when asked (Lambda creates it only on a first invocation). */
    public static void set(CloudWatchLogsClient logs, String group, int days, boolean create) {
        if (create) {
            try {
                logs.createLogGroup(r -> r.logGroupName(group));
            } catch (RuntimeException e) {
                if (!AwsErrors.isAlreadyExists(e)) throw e;
            }
        }
        logs.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(days));
    }

    /** Deletes the group; one already gone is fine. */
    public static void delete(CloudWatchLogsClient logs, String group) {
        try {
            logs.deleteLogGroup(r -> r.logGroupName(group));
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
        }
    }
}
