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
 * The SDK clients a deploy uses, from {@link AwsClients}: each built on its first use, so a deploy builds only the
 * clients its reads and its plan call (a no-op without schedules or log retention never builds the Scheduler or
 * CloudWatch Logs client), and all share AwsClients' one HTTP client. Tests and benchmarks pass AwsClients with their
 * counting or fault-injecting interceptors.
 */
public final class Clients {
    private final AwsClients aws;

    private Clients(AwsClients aws) {
        this.aws = aws;
    }

    public static Clients from(AwsClients aws) {
        return new Clients(aws);
    }

    public String region() {
        return aws.region().id();
    }

    public StsClient sts() {
        return aws.sts();
    }

    public IamClient iam() {
        return aws.iam();
    }

    public LambdaClient lambda() {
        return aws.lambda();
    }

    public ApiGatewayV2Client apiGateway() {
        return aws.apiGateway();
    }

    public SnsClient sns() {
        return aws.sns();
    }

    public SqsClient sqs() {
        return aws.sqs();
    }

    public S3Client s3() {
        return aws.s3();
    }

    public CloudWatchLogsClient logs() {
        return aws.logs();
    }

    public SchedulerClient scheduler() {
        return aws.scheduler();
    }
}
