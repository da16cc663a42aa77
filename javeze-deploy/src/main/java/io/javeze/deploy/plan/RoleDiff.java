package io.javeze.deploy.plan;

import io.javeze.config.JavezeException;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.state.ActualApp;
import java.util.HashSet;
import java.util.Set;

final class RoleDiff {
    private RoleDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Plan.Builder plan) {
        Set<String> wanted = new HashSet<>();
        for (RoleTarget role : desired.roles()) {
            wanted.add(role.name());
            ActualApp.Role existing = actual.roles().get(role.name());
            if (existing != null && !existing.owned()) {
                throw new JavezeException("IAM role " + role.name() + " exists but is not tagged " + OwnershipTags.SERVICE + "="
                        + desired.service() + ", " + OwnershipTags.STAGE + "=" + desired.stage() + "; javeze will not take it over: rename or delete it");
            }
            if (existing == null) {
                plan.add(Keys.role(role.name()), new Action.CreateRole(role));
                continue;
            }
            boolean attach = !existing.attachedPolicies().contains(role.basicPolicyArn(desired.partition()));
            String current = existing.inlinePolicies().get(RoleTarget.INLINE_POLICY_NAME);
            boolean put = role.inlinePolicy() != null && !Policies.samePolicy(role.inlinePolicy(), current);
            Set<String> delete = role.inlinePolicy() == null && current != null
                    ? Set.of(RoleTarget.INLINE_POLICY_NAME) : Set.of();
            if (attach || put || !delete.isEmpty()) {
                plan.add(Keys.role(role.name()), new Action.UpdateRolePolicies(role, attach, put, delete));
            }
        }
        // a schedule's role is planned with its schedule, and deleted here once the schedule is gone
        desired.schedules().forEach(s -> wanted.add(s.roleName()));
        // a published version keeps the role it was published with: its role stays while the version does (for rollback)
        Set<String> inUse = new HashSet<>();
        for (ActualApp.Function f : actual.functions().values()) {
            if (plan.has(Keys.deleteFunction(f.name()))) continue;
            f.versions().values().stream().filter(v -> !plan.has(Keys.deleteVersion(f.name(), v.number())))
                    .forEach(v -> inUse.add(Arns.lastSegment(v.role())));
        }
        for (ActualApp.Role role : actual.roles().values()) {
            if (!wanted.contains(role.name()) && role.owned() && !inUse.contains(role.name())) {
                // every function must have moved off the role before it goes
                plan.add(Keys.deleteRole(role.name()),
                        new Action.DeleteRole(role.name(), role.attachedPolicies(), role.inlinePolicies().keySet()),
                        "function*", "function-config:*", "delete-function:*", "delete-version:*", "delete-alias:*", "delete-schedule:*");
            }
        }
    }
}
