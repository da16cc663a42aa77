package io.javeze.deploy.aws;

import io.javeze.aws.Partitions;
import io.javeze.lambda.ExecutionRoles;

/** ARNs javeze can compute before a resource exists, so policies never wait for a create to return. */
public record Arns(String partition, String region, String account) {

    public static String partitionOf(String region) {
        return Partitions.of(region);
    }

    public String topic(String snsName) {
        return "arn:" + partition + ":sns:" + region + ":" + account + ":" + snsName;
    }

    public String queue(String queueName) {
        return "arn:" + partition + ":sqs:" + region + ":" + account + ":" + queueName;
    }

    public String function(String lambdaName) {
        return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + lambdaName;
    }

    /** A qualified function ARN: the function's alias (a stage) or version. */
    public String function(String lambdaName, String qualifier) {
        return function(lambdaName) + ":" + qualifier;
    }

    /** The function name in a function ARN, qualified ({@code ...:function:NAME:QUALIFIER}) or not. */
    public static String functionName(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 7 ? parts[6] : Arns.afterLastColon(functionArn);
    }

    /** The alias or version of a qualified function ARN, or null. */
    public static String qualifier(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 8 ? parts[7] : null;
    }

    public String scheduleGroup(String group) {
        return "arn:" + partition + ":scheduler:" + region + ":" + account + ":schedule-group/" + group;
    }

    public String schedule(String group, String name) {
        return "arn:" + partition + ":scheduler:" + region + ":" + account + ":schedule/" + group + "/" + name;
    }

    public String role(String roleName) {
        return ExecutionRoles.roleArn(partition, account, roleName);
    }

    /** The SourceArn API Gateway presents when a route invokes its function: {@code .../{apiId}/*}{@code /{METHOD}/{path}}. */
    public String routeSource(String apiId, String method, String path) {
        String m = method.equals("ANY") ? "*" : method;
        String p = path.startsWith("/") ? path.substring(1) : path;
        return executeApi(apiId) + "/*/" + m + "/" + p;
    }

    public String authorizerSource(String apiId, String authorizerId) {
        return executeApi(apiId) + "/authorizers/" + authorizerId;
    }

    private String executeApi(String apiId) {
        return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId;
    }

    /** The URI API Gateway invokes a Lambda authorizer by. */
    public String lambdaInvocationUri(String functionArn) {
        return "arn:" + partition + ":apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }

    public static String lastSegment(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    public static String afterLastColon(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf(':') + 1);
    }
}
