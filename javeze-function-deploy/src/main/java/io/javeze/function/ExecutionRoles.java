package io.javeze.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** The execution role javeze creates when none is given: Lambda may assume it, and it may only write its logs. */
final class ExecutionRoles {
    static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private ExecutionRoles() {}

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

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The role's ARN, creating it (and attaching AWSLambdaBasicExecutionRole) when it does not exist yet. */
    static String ensure(IamClient iam, String function, String region, Changes changes) {
        String roleName = roleName(function);
        try {
            return iam.getRole(r -> r.roleName(roleName)).role().arn();
        } catch (NoSuchEntityException missing) {
            String[] arn = {"arn:" + partition(region) + ":iam::<account>:role/" + roleName};
            changes.apply("create execution role " + roleName + " with AWSLambdaBasicExecutionRole", () -> {
                arn[0] = iam.createRole(r -> r.roleName(roleName)
                        .assumeRolePolicyDocument(TRUST_POLICY)
                        .description("Execution role of Lambda function " + function + ", created by javeze")).role().arn();
                iam.attachRolePolicy(r -> r.roleName(roleName)
                        .policyArn("arn:" + partition(region) + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
            });
            return arn[0];
        }
    }
}
