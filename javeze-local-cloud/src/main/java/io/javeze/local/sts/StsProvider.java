package io.javeze.local.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.iam.IamStore;
import io.javeze.local.iam.Role;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapeValues;
import io.javeze.local.security.RoleSessions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * STS: who the caller is, and AssumeRole. A function's temporary credentials are its role's session; any others the
 * account's root. AssumeRole issues a session of a role whose trust policy trusts the caller; calls signed with it are
 * held to the role's policies, as a function's are (the credentials last as long as the local cloud, whatever their
 * {@code Expiration} says).
 */
public final class StsProvider implements Provider {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private final IamStore iam;
    private final RoleAuthorizer roles;

    public StsProvider(IamStore iam, RoleAuthorizer roles) {
        this.iam = iam;
        this.roles = roles;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        return switch (operation.name()) {
            case "GetCallerIdentity" -> {
                RoleSessions.Session session = context.caller();
                yield Json.object()
                        .put("UserId", session == null ? LocalAccount.ID : roleId(session.roleArn()) + ":" + session.sessionName())
                        .put("Account", LocalAccount.ID)
                        .put("Arn", session == null ? "arn:aws:iam::" + LocalAccount.ID + ":root" : session.assumedRoleArn());
            }
            case "AssumeRole" -> assumeRole(in, context.caller());
            default -> throw new AwsException(400, "InvalidAction", "The action " + operation.name() + " is not valid for the local cloud.");
        };
    }

    private String roleId(String roleArn) {
        Role role = iam.roleByArn(roleArn);
        return role == null ? roleArn.substring(roleArn.lastIndexOf('/') + 1) : role.roleId();
    }

    private ObjectNode assumeRole(ObjectNode in, RoleSessions.Session caller) {
        String roleArn = in.path("RoleArn").asText();
        String sessionName = in.path("RoleSessionName").asText();
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[\\w+=,.@-]* and have length between 2 and 64");
        }
        String refusal = roles.assumeRefusal(roleArn, caller);
        if (refusal != null) {
            throw new AwsException(403, "AccessDenied", refusal);
        }
        Role role = iam.roleByArn(roleArn);
        int duration = in.path("DurationSeconds").asInt(3600);
        if (duration < 900 || duration > role.maxSessionDuration()) {
            throw new AwsException(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        RoleSessions.Credentials credentials = roles.assume(roleArn, sessionName);
        RoleSessions.Session session = new RoleSessions.Session(roleArn, sessionName);
        ObjectNode out = Json.object();
        out.putObject("Credentials").put("AccessKeyId", credentials.accessKeyId())
                .put("SecretAccessKey", credentials.secretAccessKey()).put("SessionToken", credentials.sessionToken())
                .set("Expiration", ShapeValues.epochSeconds(Instant.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS)));
        out.putObject("AssumedRoleUser").put("AssumedRoleId", role.roleId() + ":" + sessionName).put("Arn", session.assumedRoleArn());
        return out.put("PackedPolicySize", 0);
    }
}
