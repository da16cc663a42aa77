package io.javeze.deploy.plan;

import io.javeze.config.JavezeException;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.ScheduleTarget;
import io.javeze.deploy.state.ActualApp;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Each {@code @Schedule}'s execution role and schedule; the stage's schedules no function wants any more are deleted. */
final class ScheduleDiff {
    static final String ENABLED = "ENABLED";

    private ScheduleDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Plan.Builder plan) {
        Set<String> wanted = new HashSet<>();
        for (ScheduleTarget s : desired.schedules()) {
            wanted.add(s.name());
            role(s, desired, actual, plan);
            ActualApp.Schedule existing = actual.schedules().get(s.name());
            if (existing != null && !existing.owned()) {
                throw new JavezeException("EventBridge Scheduler schedule " + s.name() + " (group " + ScheduleTarget.GROUP
                        + ") exists but its description does not mark it as " + desired.service() + "'s stage " + desired.stage()
                        + "; javeze will not take it over: rename or delete it");
            }
            // the alias must exist before anything invokes it; the role before the schedule names it
            String[] after = {Keys.scheduleRole(s.function()), Keys.alias(s.lambdaName()), Keys.function(s.lambdaName())};
            if (existing == null) {
                plan.add(Keys.schedule(s.function()), new Action.CreateSchedule(s), after);
            } else if (!same(s, existing)) {
                plan.add(Keys.schedule(s.function()), new Action.UpdateSchedule(s), after);
            }
        }
        for (ActualApp.Schedule s : actual.schedules().values()) {
            if (!wanted.contains(s.name()) && s.owned()) {
                plan.add(Keys.deleteSchedule(s.name()), new Action.DeleteSchedule(s.name()));
            }
        }
    }

    private static void role(ScheduleTarget s, DesiredApp desired, ActualApp actual, Plan.Builder plan) {
        ActualApp.Role existing = actual.roles().get(s.roleName());
        if (existing == null) {
            plan.add(Keys.scheduleRole(s.function()), new Action.CreateScheduleRole(s));
            return;
        }
        if (!existing.owned()) {
            throw new JavezeException("IAM role " + s.roleName() + " exists but is not tagged " + OwnershipTags.SERVICE + "="
                    + desired.service() + ", " + OwnershipTags.STAGE + "=" + desired.stage() + "; javeze will not take it over: rename or delete it");
        }
        Set<String> extra = new java.util.TreeSet<>(existing.inlinePolicies().keySet());
        extra.remove(ScheduleTarget.ROLE_POLICY_NAME);
        if (!Policies.samePolicy(s.rolePolicy(), existing.inlinePolicies().get(ScheduleTarget.ROLE_POLICY_NAME))
                || !extra.isEmpty() || !existing.attachedPolicies().isEmpty()) {
            plan.add(Keys.scheduleRole(s.function()), new Action.UpdateScheduleRole(s, extra, existing.attachedPolicies()));
        }
    }

    /** Whether the schedule is exactly what javeze would write: expression, zone, target, role, payload, enabled. */
    static boolean same(ScheduleTarget s, ActualApp.Schedule actual) {
        return s.expression().equals(actual.expression())
                && Objects.equals(s.timezone() == null ? "UTC" : s.timezone(), actual.timezone() == null ? "UTC" : actual.timezone())
                && s.targetArn().equals(actual.targetArn())
                && s.roleArn().equals(actual.roleArn())
                && io.javeze.config.manifest.ScheduleSpec.INPUT.equals(actual.input())
                && ENABLED.equals(actual.state())
                && s.description().equals(actual.description());
    }
}
