package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.DesiredAppBuilder;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.RoleTarget;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** The stage's execution roles: found by the service's name prefix, proven by the service and stage tags. */
final class RoleReader {
    private RoleReader() {}

    static Map<String, ActualApp.Role> read(IamClient iam, AwsCalls calls, ExecutorService pool, DesiredApp desired) {
        String prefix = DesiredAppBuilder.servicePrefix(desired.service());
        List<Role> found = calls.call(() -> iam.listRolesPaginator(b -> b.maxItems(1000)).roles().stream()
                .filter(r -> r.roleName().startsWith(prefix)).toList());
        Set<String> wanted = desired.roles().stream().map(RoleTarget::name).collect(Collectors.toSet());
        List<ActualApp.Role> roles = Parallel.map(pool, found, r -> readOne(iam, calls, r, wanted, desired.service(), desired.stage()));
        Map<String, ActualApp.Role> out = new HashMap<>();
        roles.stream().filter(r -> r != null).forEach(r -> out.put(r.name(), r));
        return out;
    }

    private static ActualApp.Role readOne(IamClient iam, AwsCalls calls, Role role, Set<String> wanted, String service,
                                          String stage) {
        String name = role.roleName();
        try {
            List<Tag> tags = calls.call(() -> iam.listRoleTags(b -> b.roleName(name)).tags());
            boolean owned = OwnershipTags.ownedBy(tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a)),
                    service, stage);
            // another stage's or service's role is never touched; a wanted name taken by one is reported by the planner
            if (!owned && !wanted.contains(name)) return null;
            Set<String> attached = calls.call(() -> iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies())
                    .stream().map(AttachedPolicy::policyArn).collect(Collectors.toSet());
            List<String> inlineNames = calls.call(() -> iam.listRolePolicies(b -> b.roleName(name)).policyNames());
            Map<String, String> inline = new HashMap<>();
            for (String policy : new HashSet<>(inlineNames)) {
                inline.put(policy, calls.call(() -> iam.getRolePolicy(b -> b.roleName(name).policyName(policy)).policyDocument()));
            }
            return new ActualApp.Role(name, role.arn(), attached, inline, owned);
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            return null; // deleted while we looked
        }
    }

}
