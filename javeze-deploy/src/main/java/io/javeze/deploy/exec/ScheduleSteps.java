package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.config.manifest.ScheduleSpec;
import io.javeze.deploy.model.ScheduleTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;

/** EventBridge Scheduler schedules and their execution roles. */
final class ScheduleSteps {
    private ScheduleSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        IamClient iam = ctx.clients.iam();
        SchedulerClient scheduler = ctx.clients.scheduler();
        if (action instanceof Action.CreateScheduleRole a) {
            ScheduleTarget s = a.schedule();
            String arn;
            try {
                arn = ctx.calls.call(() -> iam.createRole(b -> b.roleName(s.roleName()).assumeRolePolicyDocument(s.trustPolicy())
                        .description("javeze: EventBridge Scheduler invokes " + s.targetArn())
                        .tags(s.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())))
                        .role().arn();
            } catch (RuntimeException e) {
                if (!AwsErrors.isAlreadyExists(e)) throw e;
                // an interrupted deploy created it: the planner found it untagged only if it is not ours, so it is ours
                arn = s.roleArn();
            }
            putPolicy(iam, ctx, s);
            ctx.recorder.put(Section.ROLES, s.roleName(), arn);
            return true;
        }
        if (action instanceof Action.UpdateScheduleRole a) {
            ScheduleTarget s = a.schedule();
            putPolicy(iam, ctx, s);
            for (String policy : a.deleteInline()) {
                ctx.calls.delete(() -> iam.deleteRolePolicy(b -> b.roleName(s.roleName()).policyName(policy)));
            }
            for (String policy : a.detach()) {
                ctx.calls.delete(() -> iam.detachRolePolicy(b -> b.roleName(s.roleName()).policyArn(policy)));
            }
            return true;
        }
        if (action instanceof Action.CreateSchedule a) {
            try {
                ctx.calls.run(() -> scheduler.createSchedule(b -> b.groupName(ScheduleTarget.GROUP).name(a.schedule().name())
                        .scheduleExpression(a.schedule().expression()).scheduleExpressionTimezone(a.schedule().timezone())
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).state(ScheduleState.ENABLED)
                        .description(a.schedule().description()).target(target(a.schedule()))));
            } catch (RuntimeException e) {
                if (!AwsErrors.isAlreadyExists(e)) throw e;
                update(scheduler, ctx, a.schedule()); // created by an interrupted deploy
            }
            return true;
        }
        if (action instanceof Action.UpdateSchedule a) {
            update(scheduler, ctx, a.schedule());
            return true;
        }
        if (action instanceof Action.DeleteSchedule a) {
            ctx.calls.delete(() -> scheduler.deleteSchedule(b -> b.groupName(ScheduleTarget.GROUP).name(a.name())));
            return true;
        }
        return false;
    }

    /** UpdateSchedule replaces the whole schedule, so every field is sent. */
    private static void update(SchedulerClient scheduler, DeployContext ctx, ScheduleTarget s) {
        ctx.calls.run(() -> scheduler.updateSchedule(b -> b.groupName(ScheduleTarget.GROUP).name(s.name())
                .scheduleExpression(s.expression()).scheduleExpressionTimezone(s.timezone())
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).state(ScheduleState.ENABLED)
                .description(s.description()).target(target(s))));
    }

    private static Target target(ScheduleTarget s) {
        return Target.builder().arn(s.targetArn()).roleArn(s.roleArn()).input(ScheduleSpec.INPUT).build();
    }

    private static void putPolicy(IamClient iam, DeployContext ctx, ScheduleTarget s) {
        ctx.calls.run(() -> iam.putRolePolicy(b -> b.roleName(s.roleName()).policyName(ScheduleTarget.ROLE_POLICY_NAME)
                .policyDocument(s.rolePolicy())));
    }
}
