package io.javeze.function;

import io.javeze.lambda.ExecutionRoles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;

/** The execution role javeze creates when none is given: Lambda may assume it, and it may only write its logs. */
final class DefaultRole {
    private DefaultRole() {}

    /** {@code javeze-fn-NAME}, shortened with a hash when NAME is long (IAM role names stop at 64 characters). */
    static String roleName(String function) {
        String name = "javeze-fn-" + function;
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(function.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, 55) + "-" + HexFormat.of().formatHex(sha, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The role's ARN, creating it (and attaching AWSLambdaBasicExecutionRole) when it does not exist yet. */
    static String ensure(IamClient iam, String function, String partition, Changes changes) {
        String roleName = roleName(function);
        String existing = ExecutionRoles.find(iam, roleName);
        if (existing != null) {
            return existing;
        }
        String[] arn = {"arn:" + partition + ":iam::<account>:role/" + roleName};
        changes.apply("create execution role " + roleName + " with AWSLambdaBasicExecutionRole", () ->
                arn[0] = ExecutionRoles.create(iam, roleName, "Execution role of Lambda function " + function + ", created by javeze",
                        Map.of(), partition));
        return arn[0];
    }
}
