package io.javeze.deploy.testing;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.aws.AwsTimeouts;
import io.javeze.deploy.aws.Clients;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** SDK clients for the local cloud with interceptors (io.javeze.aws.AwsClients takes none), configured exactly as AwsClients configures its own. */
public final class LocalClients implements AutoCloseable {
    private final SdkHttpClient http = AwsClients.httpClient(64, AwsTimeouts.DEFAULT);
    public final Clients clients;

    public LocalClients(URI endpoint, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration overrides = AwsClients.overrides(AwsTimeouts.DEFAULT, List.of(interceptors));
        clients = new Clients(AwsTarget.LOCAL_REGION,
                build(StsClient.builder(), endpoint, overrides), build(IamClient.builder(), endpoint, overrides),
                build(LambdaClient.builder(), endpoint, overrides), build(ApiGatewayV2Client.builder(), endpoint, overrides),
                build(SnsClient.builder(), endpoint, overrides), build(SqsClient.builder(), endpoint, overrides),
                build(S3Client.builder().forcePathStyle(true), endpoint, overrides),
                build(CloudWatchLogsClient.builder(), endpoint, overrides),
                build(software.amazon.awssdk.services.scheduler.SchedulerClient.builder(), endpoint, overrides));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint,
                                                                                       ClientOverrideConfiguration overrides) {
        return builder.region(Region.of(AwsTarget.LOCAL_REGION)).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsTarget.LOCAL_ACCESS_KEY, AwsTarget.LOCAL_SECRET_KEY)))
                .httpClient(http).overrideConfiguration(overrides).build();
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {clients.sts(), clients.iam(), clients.lambda(), clients.apiGateway(),
                clients.sns(), clients.sqs(), clients.s3(), clients.logs(), clients.scheduler()}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // test teardown
            }
        }
        http.close();
    }
}
