package io.javeze.runtime;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes with the AWS SDK v2 SNS client over the JDK's URL connection (the lightest SDK HTTP client).
 * Region, credentials and endpoint come from the function's environment, as Lambda sets it;
 * {@code AWS_ENDPOINT_URL_SNS} or {@code AWS_ENDPOINT_URL} points it at another endpoint, such as javeze's local cloud.
 */
public final class SnsTransport implements TopicTransport {
    private final SnsClient client;

    private SnsTransport(SnsClient client) {
        this.client = client;
    }

    public static SnsTransport fromEnvironment(Map<String, String> env) {
        var builder = SnsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION", "us-east-1")))
                .credentialsProvider(credentials(env));
        String endpoint = firstSet(env, "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL", null);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new SnsTransport(builder.build());
    }

    @Override
    public String publish(String topicArn, String message) {
        return client.publish(request -> request.topicArn(topicArn).message(message)).messageId();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token));
    }

    private static String firstSet(Map<String, String> env, String first, String second, String fallback) {
        String value = env.get(first);
        if (value == null || value.isBlank()) value = env.get(second);
        return value == null || value.isBlank() ? fallback : value;
    }
}
