package io.javeze.deploy.exec;

import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import io.javeze.lambda.ExecutionRoles;
import software.amazon.awssdk.services.iam.IamClient;

final class IamSteps {
    private IamSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        IamClient iam = ctx.clients.iam();
        if (action instanceof Action.CreateRole a) {
            RoleTarget role = a.role();
            String arn = ctx.calls.call(() -> ExecutionRoles.create(iam, role.name(),
                    "javeze execution role of service " + ctx.desired.service(), role.tags(), ctx.desired.partition()));
            ctx.recorder.put(Section.ROLES, role.name(), arn);
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
                ctx.calls.delete(() -> iam.deleteRolePolicy(b -> b.roleName(role.name()).policyName(policy)));
            }
            return true;
        }
        if (action instanceof Action.DeleteRole a) {
            for (String policy : a.attachedPolicies()) {
                ctx.calls.delete(() -> iam.detachRolePolicy(b -> b.roleName(a.name()).policyArn(policy)));
            }
            for (String policy : a.inlinePolicies()) {
                ctx.calls.delete(() -> iam.deleteRolePolicy(b -> b.roleName(a.name()).policyName(policy)));
            }
            ctx.calls.delete(() -> iam.deleteRole(b -> b.roleName(a.name())));
            ctx.recorder.put(Section.ROLES, a.name(), null);
            return true;
        }
        return false;
    }

    private static void putInline(IamClient iam, DeployContext ctx, RoleTarget role) {
        ctx.calls.run(() -> iam.putRolePolicy(b -> b.roleName(role.name()).policyName(RoleTarget.INLINE_POLICY_NAME)
                .policyDocument(role.inlinePolicy())));
    }
}
