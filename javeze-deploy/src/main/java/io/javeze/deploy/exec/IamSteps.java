package io.javeze.deploy.exec;

import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

final class IamSteps {
    private IamSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        IamClient iam = ctx.clients.iam();
        if (action instanceof Action.CreateRole a) {
            RoleTarget role = a.role();
            String arn;
            try {
                arn = ctx.calls.call(() -> iam.createRole(b -> b.roleName(role.name())
                        .assumeRolePolicyDocument(Policies.lambdaTrust())
                        .description("javeze execution role of service " + ctx.desired.service())
                        .tags(role.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())))
                        .role().arn();
            } catch (EntityAlreadyExistsException e) {
                arn = ctx.calls.call(() -> iam.getRole(b -> b.roleName(role.name()))).role().arn();
            }
            ctx.recorder.put(Section.ROLES, role.name(), arn);
            ctx.calls.run(() -> iam.attachRolePolicy(b -> b.roleName(role.name()).policyArn(role.basicPolicyArn(ctx.desired.partition()))));
            if (role.inlinePolicy() != null) {
                putInline(iam, ctx, role);
            }
            return true;
        }
        if (action instanceof Action.UpdateRolePolicies a) {
            RoleTarget role = a.role();
            if (a.attachBasic()) {
                ctx.calls.run(() -> iam.attachRolePolicy(b -> b.roleName(role.name()).policyArn(role.basicPolicyArn(ctx.desired.partition()))));
            }
            if (a.putInline()) putInline(iam, ctx, role);
            for (String policy : a.deleteInline()) {
                ignoreMissing(() -> ctx.calls.run(() -> iam.deleteRolePolicy(b -> b.roleName(role.name()).policyName(policy))));
            }
            return true;
        }
        if (action instanceof Action.DeleteRole a) {
            for (String policy : a.attachedPolicies()) {
                ignoreMissing(() -> ctx.calls.run(() -> iam.detachRolePolicy(b -> b.roleName(a.name()).policyArn(policy))));
            }
            for (String policy : a.inlinePolicies()) {
                ignoreMissing(() -> ctx.calls.run(() -> iam.deleteRolePolicy(b -> b.roleName(a.name()).policyName(policy))));
            }
            ignoreMissing(() -> ctx.calls.run(() -> iam.deleteRole(b -> b.roleName(a.name()))));
            ctx.recorder.put(Section.ROLES, a.name(), null);
            return true;
        }
        return false;
    }

    private static void putInline(IamClient iam, DeployContext ctx, RoleTarget role) {
        ctx.calls.run(() -> iam.putRolePolicy(b -> b.roleName(role.name()).policyName(RoleTarget.INLINE_POLICY_NAME)
                .policyDocument(role.inlinePolicy())));
    }

    private static void ignoreMissing(Runnable r) {
        try {
            r.run();
        } catch (NoSuchEntityException e) {
            // already gone: deleting is idempotent
        }
    }
}
