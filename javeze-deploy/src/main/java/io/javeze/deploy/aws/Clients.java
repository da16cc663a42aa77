package io.javeze.deploy.aws;

import io.javeze.aws.AwsClients;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients a deploy uses. Normally from {@link AwsClients}; tests and benchmarks build their own
 * (with counting or fault-injecting interceptors) and pass them in.
 */
public record Clients(String region, StsClient sts, IamClient iam, LambdaClient lambda, ApiGatewayV2Client apiGateway,
                      SnsClient sns, SqsClient sqs, S3Client s3, CloudWatchLogsClient logs,
                      SchedulerClient scheduler) {

    public static Clients from(AwsClients aws) {
        return new Clients(aws.region().id(), aws.sts(), aws.iam(), aws.lambda(), aws.apiGateway(), aws.sns(), aws.sqs(),
                aws.s3(), aws.logs(), aws.scheduler());
    }
}
