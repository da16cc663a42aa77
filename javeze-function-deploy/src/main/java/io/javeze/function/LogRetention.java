package io.javeze.function;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/** Sets how long the function's log group {@code /aws/lambda/NAME} keeps logs, creating the group if Lambda has not yet. */
final class LogRetention {
    private LogRetention() {}

    static void apply(CloudWatchLogsClient logs, String function, int days, Changes changes) {
        String group = "/aws/lambda/" + function;
        LogGroup existing = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().stream()
                .filter(g -> g.logGroupName().equals(group)).findFirst().orElse(null);
        if (existing != null && Integer.valueOf(days).equals(existing.retentionInDays())) {
            return;
        }
        changes.apply("set log retention of " + group + " to " + days + " days", () -> {
            if (existing == null) {
                try {
                    logs.createLogGroup(r -> r.logGroupName(group));
                } catch (ResourceAlreadyExistsException createdMeanwhile) {
                    // Lambda created it on a first invocation
                }
            }
            logs.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(days));
        });
    }
}
