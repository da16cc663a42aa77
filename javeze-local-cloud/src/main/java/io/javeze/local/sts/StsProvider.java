package io.javeze.local.sts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.security.RoleSessions;

/** STS: who the caller is. A function's temporary credentials are its role's session; any others the account's root. */
public final class StsProvider implements Provider {
    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        if (!operation.name().equals("GetCallerIdentity")) {
            throw new AwsException(400, "InvalidAction", "The action " + operation.name() + " is not valid for the local cloud.");
        }
        RoleSessions.Session session = context.caller();
        return Json.object()
                .put("UserId", session == null ? LocalAccount.ID : session.roleName() + ":" + session.sessionName())
                .put("Account", LocalAccount.ID)
                .put("Arn", session == null ? "arn:aws:iam::" + LocalAccount.ID + ":root" : session.assumedRoleArn());
    }
}
