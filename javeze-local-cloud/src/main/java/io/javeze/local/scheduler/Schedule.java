package io.javeze.local.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One EventBridge Scheduler schedule, as GetSchedule returns it: components are the model's members (see
 * {@link io.javeze.local.protocol.ShapedRecords}); dates are epoch seconds.
 */
public record Schedule(String arn, String name, String groupName, String scheduleExpression, String scheduleExpressionTimezone,
                       String state, String description, Double startDate, Double endDate, String kmsKeyArn,
                       double creationDate, double lastModificationDate, FlexibleTimeWindow flexibleTimeWindow, Target target) {

    public record FlexibleTimeWindow(String mode, Integer maximumWindowInMinutes) {}

    /** The target: a function ARN and the role the scheduler assumes; the other members are kept as given. */
    public record Target(String arn, String roleArn, String input, JsonNode retryPolicy, JsonNode deadLetterConfig,
                         JsonNode sqsParameters, JsonNode eventBridgeParameters, JsonNode kinesisParameters,
                         JsonNode ecsParameters, JsonNode sageMakerPipelineParameters) {}

    /** The store's key: {@code group/name}. */
    public String key() {
        return key(groupName, name);
    }

    static String key(String group, String name) {
        return group + "/" + name;
    }

    boolean enabled() {
        return "ENABLED".equals(state);
    }
}
