package io.javeze.local.sts;

import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Json;
import io.javeze.local.LocalAccount;

/** STS: who the caller is. Any credentials are the local account's root. */
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
        return AwsResponse.query(call.operation(), Json.object()
                .put("UserId", LocalAccount.ID)
                .put("Account", LocalAccount.ID)
                .put("Arn", "arn:aws:iam::" + LocalAccount.ID + ":root"), call.requestId());
    }
}
