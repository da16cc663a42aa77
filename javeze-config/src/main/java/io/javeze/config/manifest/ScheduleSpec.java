package io.javeze.config.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code @Schedule} of a scheduled function: an EventBridge Scheduler schedule invoking the stage's alias.
 *
 * @param expression {@code rate(...)}, {@code cron(...)} or {@code at(...)}, checked by the processor
 * @param timezone   the IANA time zone cron and at expressions are read in, or null for UTC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(String expression, String timezone) {
    /**
     * The payload the schedule sends: Scheduler replaces its context attributes when it invokes the function, and the
     * generated handler reads them into {@code io.javeze.ScheduledEvent}.
     */
    public static final String INPUT = "{\"scheduleArn\":\"<aws.scheduler.schedule-arn>\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\","
            + "\"executionId\":\"<aws.scheduler.execution-id>\",\"attemptNumber\":\"<aws.scheduler.attempt-number>\"}";
}
