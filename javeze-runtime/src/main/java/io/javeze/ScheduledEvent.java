package io.javeze;

import java.time.Instant;

/**
 * One run of a {@link Schedule}d function, as EventBridge Scheduler describes it.
 *
 * @param scheduleArn   the schedule's ARN
 * @param scheduledTime the time this run was scheduled for (not when it started)
 * @param executionId   unique per run; a retry of the run has the same id
 * @param attemptNumber 1 for the first attempt, higher for Scheduler's retries
 */
public record ScheduledEvent(String scheduleArn, Instant scheduledTime, String executionId, int attemptNumber) {}
