package io.javeze.lambda;

import io.javeze.aws.AwsErrors;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/** Execution roles: Lambda may assume them, and they may write their function's logs (AWSLambdaBasicExecutionRole). */
public final class ExecutionRoles {
    public static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private ExecutionRoles() {}

    /** The AWS managed policy for logging, in the role's partition ({@link io.javeze.aws.Partitions#of}). */
    public static String basicPolicyArn(String partition) {
        return "arn:" + partition + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    }

    public static String roleArn(String partition, String account, String roleName) {
        return "arn:" + partition + ":iam::" + account + ":role/" + roleName;
    }

    /** The role's ARN, or null when it does not exist. */
    public static String find(IamClient iam, String roleName) {
        try {
            return iam.getRole(r -> r.roleName(roleName)).role().arn();
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) return null;
            throw e;
        }
    }

    /**
     * Creates the role with the Lambda trust policy and attaches the basic logging policy; a role left by an
     * interrupted earlier run is adopted. Returns its ARN.
     */
    public static String create(IamClient iam, String roleName, String description, Map<String, String> tags, String partition) {
        String arn;
        try {
            arn = iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(TRUST_POLICY).description(description)
                    .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                    .role().arn();
        } catch (RuntimeException e) {
            if (!AwsErrors.isAlreadyExists(e)) throw e;
            arn = iam.getRole(b -> b.roleName(roleName)).role().arn();
        }
        iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(basicPolicyArn(partition)));
        return arn;
    }
}
