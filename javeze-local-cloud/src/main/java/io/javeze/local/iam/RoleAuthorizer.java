package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.CallAuthorizer;
import io.javeze.local.iam.PolicyEvaluator.Decision;
import io.javeze.local.security.RoleSessions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Execution roles as Lambda uses them: it assumes a function's role ({@link #assume}: the instance's temporary
 * credentials) and every call made with them is held to the role's policies, as on AWS. The role's identity-based
 * policies (inline and attached) and, where the resource has one, its resource-based policy (an SQS queue policy)
 * decide; a Deny in either wins, otherwise one of them must allow. A refusal is the service's own AccessDenied error
 * with AWS's message. Calls signed with the user's own credentials are not evaluated.
 */
public final class RoleAuthorizer implements CallAuthorizer {
    private final IamStore iam;
    private final RoleSessions sessions;
    private final Function<String, JsonNode> resourcePolicies;

    /**
     * @param resourcePolicies the resource-based policy of a resource ARN, or null when it has none
     */
    public RoleAuthorizer(IamStore iam, RoleSessions sessions, Function<String, JsonNode> resourcePolicies) {
        this.iam = iam;
        this.sessions = sessions;
        this.resourcePolicies = resourcePolicies;
    }

    /** Whether IAM has a role with this ARN: Lambda refuses roles it cannot assume. */
    public boolean exists(String roleArn) {
        return iam.roleExists(roleArn);
    }

    /** The role's session for a function, as Lambda's AssumeRole gets it (the session is named after the function). */
    public RoleSessions.Credentials assume(String roleArn, String functionName) {
        return sessions.issue(roleArn, functionName);
    }

    /**
     * Why {@code service} may not act with the role, or null when it may: the role's trust policy must let the service
     * assume it (its conditions evaluated on {@code context}, e.g. {@code aws:sourcearn}), and its identity-based
     * policies must allow {@code action} on {@code resource}. One evaluator ({@link PolicyEvaluator}) decides both.
     */
    public String refusal(String roleArn, String service, Map<String, String> context, String action, String resource) {
        IamStore.RoleFacts facts = iam.roleFacts(roleArn);
        if (facts == null) {
            return "role " + roleArn + " does not exist";
        }
        Map<String, List<String>> keys = new HashMap<>();
        context.forEach((k, v) -> keys.put(k, List.of(v)));
        Decision assume = PolicyEvaluator.resource(facts.trustPolicy(),
                PolicyEvaluator.Principal.service(service), new PolicyEvaluator.Request("sts:AssumeRole", roleArn, keys));
        if (assume != Decision.ALLOW) {
            return "the trust policy of " + roleArn + (assume == Decision.EXPLICIT_DENY ? " denies " : " does not let ")
                    + service + (assume == Decision.EXPLICIT_DENY ? "" : " assume it");
        }
        return switch (PolicyEvaluator.identity(facts.policies(), new PolicyEvaluator.Request(action, resource, keys))) {
            case ALLOW -> null;
            case EXPLICIT_DENY -> roleArn + " denies " + action + " on " + resource;
            case IMPLICIT_DENY -> roleArn + " is not allowed " + action + " on " + resource;
        };
    }

    /**
     * Why {@code caller} (a role's session, or null for the user's own credentials: the account's root) may not assume
     * the role, or null when it may: the role's trust policy must trust it (its role, its session, or the account).
     * What the caller's own policies allow ({@code sts:AssumeRole}) is checked before, like any call it signs.
     */
    public String assumeRefusal(String roleArn, RoleSessions.Session caller) {
        IamStore.RoleFacts role = iam.roleFacts(roleArn);
        String user = caller == null ? "arn:aws:iam::" + LocalAccount.ID + ":root" : caller.assumedRoleArn();
        List<String> identities = new java.util.ArrayList<>(List.of(LocalAccount.ID, "arn:aws:iam::" + LocalAccount.ID + ":root"));
        if (caller != null) {
            identities.addAll(List.of(caller.roleArn(), caller.assumedRoleArn()));
        }
        Map<String, List<String>> keys = Map.of("aws:principalarn", List.of(caller == null ? user : caller.roleArn()),
                "aws:principalaccount", List.of(LocalAccount.ID));
        if (role == null || PolicyEvaluator.resource(role.trustPolicy(),
                new PolicyEvaluator.Principal("AWS", identities), new PolicyEvaluator.Request("sts:AssumeRole", roleArn, keys))
                != Decision.ALLOW) {
            return "User: " + user + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn;
        }
        return null;
    }

    @Override
    public void authorize(AwsCall call, com.fasterxml.jackson.databind.JsonNode input) {
        String denial = denial(call.caller(), call.region(), Actions.of(call, input));
        if (denial != null) {
            throw denied(call, denial);
        }
    }

    /**
     * Why the function's role may not perform the action on the resource, or null when it may: what Lambda checks
     * before reading a queue for the function.
     */
    public String denial(String roleArn, String functionName, String region, String action, String resource) {
        return denial(new RoleSessions.Session(roleArn, functionName), region, List.of(new Actions.Access(action, resource)));
    }

    private String denial(RoleSessions.Session session, String region, List<Actions.Access> accesses) {
        if (accesses.isEmpty()) {
            return null;
        }
        IamStore.RoleFacts role = iam.roleFacts(session.roleArn());
        if (role == null) {
            return "The role " + session.roleArn() + " of this session no longer exists.";
        }
        Map<String, List<String>> context = context(region, session, role);
        PolicyEvaluator.Principal principal = new PolicyEvaluator.Principal("AWS", List.of(session.roleArn(),
                session.assumedRoleArn(), LocalAccount.ID, "arn:aws:iam::" + LocalAccount.ID + ":root"));
        for (Actions.Access access : accesses) {
            Map<String, List<String>> keys = context;
            if (!access.context().isEmpty()) {
                keys = new HashMap<>(context);
                keys.putAll(access.context());
            }
            PolicyEvaluator.Request request = new PolicyEvaluator.Request(access.action(), access.resource(), keys);
            Decision identity = PolicyEvaluator.identity(role.policies(), request);
            Decision resource = identity == Decision.EXPLICIT_DENY ? Decision.IMPLICIT_DENY
                    : PolicyEvaluator.resource(resourcePolicies.apply(access.resource()), principal, request);
            if (PolicyEvaluator.combine(identity, resource) != Decision.ALLOW) {
                String why = identity == Decision.EXPLICIT_DENY ? "with an explicit deny in an identity-based policy"
                        : resource == Decision.EXPLICIT_DENY ? "with an explicit deny in a resource-based policy"
                        : "because no identity-based policy allows the " + access.action() + " action";
                return "User: " + session.assumedRoleArn() + " is not authorized to perform: " + access.action()
                        + " on resource: " + access.resource() + " " + why;
            }
        }
        return null;
    }

    /** The global condition keys of a role session's request, and Lambda's. */
    private static Map<String, List<String>> context(String region, RoleSessions.Session session, IamStore.RoleFacts role) {
        Map<String, List<String>> keys = new HashMap<>();
        Instant now = Instant.now();
        keys.put("aws:principalarn", List.of(session.roleArn()));
        keys.put("aws:principalaccount", List.of(LocalAccount.ID));
        keys.put("aws:principaltype", List.of("AssumedRole"));
        keys.put("aws:userid", List.of(role.roleId() + ":" + session.sessionName()));
        keys.put("aws:requestedregion", List.of(region));
        keys.put("aws:currenttime", List.of(now.toString()));
        keys.put("aws:epochtime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:securetransport", List.of("false"));
        keys.put("lambda:sourcefunctionarn", List.of("arn:aws:lambda:" + region + ":" + LocalAccount.ID + ":function:"
                + session.sessionName()));
        role.tags().forEach((k, v) -> keys.put(PolicyEvaluator.key("aws:PrincipalTag/" + k), List.of(v)));
        return keys;
    }

    /** Each protocol's own code: SNS's AuthorizationError, AccessDenied for the query and XML services, JSON's exception. */
    private static AwsException denied(AwsCall call, String message) {
        String code = switch (call.service()) {
            case "sns" -> "AuthorizationError";
            case "sqs", "s3", "iam", "sts" -> "AccessDenied";
            default -> "AccessDeniedException";
        };
        return new AwsException(403, code, message);
    }
}
