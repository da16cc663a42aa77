package io.javeze.local.sts;

import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Json;
import io.javeze.local.LocalAccount;
import io.javeze.local.security.RoleSessions;

/** STS: who the caller is. A function's temporary credentials are its role's session; any others the account's root. */
public final class StsService implements AwsService {
    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        if (!call.operation().equals("GetCallerIdentity")) {
            throw new AwsException(400, "InvalidAction", "The action " + call.operation() + " is not valid for the local cloud.");
        }
        RoleSessions.Session session = call.caller();
        return AwsResponse.query(call.operation(), Json.object()
                .put("UserId", session == null ? LocalAccount.ID : session.roleName() + ":" + session.sessionName())
                .put("Account", LocalAccount.ID)
                .put("Arn", session == null ? "arn:aws:iam::" + LocalAccount.ID + ":root" : session.assumedRoleArn()), call.requestId());
    }
}
