package io.javeze.deploy.model;

import java.util.Map;

/**
 * The EventBridge Scheduler schedule of a {@code @Schedule} function for one stage, in the {@code default} group, with
 * its own execution role: Scheduler may assume it (for schedules of this account's default group) and it allows
 * {@code lambda:InvokeFunction} on the function's stage alias only.
 *
 * @param function    the function's name in the app
 * @param name        the schedule's name, {@code {service}-{stage}-{function}} (at most 64 characters)
 * @param timezone    the IANA time zone, or null for UTC
 * @param targetArn   the stage's alias of the function
 * @param roleName    the schedule's execution role, {@code {service}-{stage}-schedule-{function}}
 * @param description marks the schedule as the service's and stage's: schedules cannot carry tags
 * @param tags        the role's tags
 */
public record ScheduleTarget(String function, String lambdaName, String name, String expression, String timezone,
                             String targetArn, String roleName, String roleArn, String trustPolicy, String rolePolicy,
                             String description, Map<String, String> tags) {
    public static final String GROUP = "default";
    public static final String ROLE_POLICY_NAME = "javeze-invoke-schedule-target";

    public ScheduleTarget {
        tags = Map.copyOf(tags);
    }

    /** The description javeze writes on a schedule of this service's stage, its proof of ownership. */
    public static String description(String service, String stage, String function) {
        return "javeze " + OwnershipTags.SERVICE + "=" + service + " " + OwnershipTags.STAGE + "=" + stage + " function=" + function;
    }

    /** Whether a schedule's description says it belongs to this service's stage. */
    public static boolean ownedBy(String description, String service, String stage) {
        return description != null && description.startsWith("javeze " + OwnershipTags.SERVICE + "=" + service + " "
                + OwnershipTags.STAGE + "=" + stage + " function=");
    }
}
