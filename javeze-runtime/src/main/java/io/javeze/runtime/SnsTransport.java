package io.javeze.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Publishes with SNS's query protocol: a form-encoded {@code Publish} signed by the AWS SDK's own SigV4 signer
 * ({@code http-auth-aws}), sent by the SDK's URL-connection HTTP client, its XML answer read with the JDK's StAX.
 * That is all a publish needs, without the SNS client and the SDK core behind it (about 1 MB of jars instead of 6).
 * Region, credentials ({@link LambdaCredentials}) and endpoint come from the function's environment, as Lambda sets it;
 * {@code AWS_ENDPOINT_URL_SNS} or {@code AWS_ENDPOINT_URL} points it at another endpoint, such as javeze's local cloud.
 */
public final class SnsTransport implements TopicTransport {
    private static final String API_VERSION = "2010-03-31";
    private static final int ATTEMPTS = 3;

    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final URI endpoint;
    private final String region;
    private final LambdaCredentials credentials;

    private SnsTransport(SdkHttpClient http, URI endpoint, String region, LambdaCredentials credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    public static SnsTransport fromEnvironment(Map<String, String> env) {
        String region = firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION", "us-east-1");
        String endpoint = firstSet(env, "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL", null);
        SdkHttpClient http = UrlConnectionHttpClient.create();
        return new SnsTransport(http, URI.create(endpoint != null ? endpoint : defaultEndpoint(region)), region,
                new LambdaCredentials(env, http));
    }

    /** SNS's regional endpoint; another partition's (ISO regions) is given with {@code AWS_ENDPOINT_URL_SNS}. */
    static String defaultEndpoint(String region) {
        return "https://sns." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
    }

    @Override
    public String publish(String topicArn, String message) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("Action", List.of("Publish"));
        form.put("Version", List.of(API_VERSION));
        form.put("TopicArn", List.of(topicArn));
        form.put("Message", List.of(message));
        byte[] body = SdkHttpUtils.encodeAndFlattenFormData(form).orElse("").getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            SnsReply reply;
            try {
                reply = send(body);
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                throw new UncheckedIOException("SNS Publish to " + topicArn + " failed after " + attempt + " attempts: " + e.getMessage(), e);
            }
            if (reply.messageId() != null) {
                return reply.messageId();
            }
            if (reply.retryable() && attempt < ATTEMPTS) {
                backOff(attempt);
                continue;
            }
            throw new IllegalStateException("SNS Publish to " + topicArn + " failed: " + reply.describe()
                    + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
        }
    }

    private SnsReply send(byte[] body) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", String.valueOf(body.length))
                .build();
        var identity = credentials.resolve();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sns")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        Optional<AbortableInputStream> content = response.responseBody();
        try (InputStream in = content.isPresent() ? content.get() : InputStream.nullInputStream()) {
            return SnsReply.read(response.httpResponse().statusCode(), in);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (50 * Math.pow(2, attempt - 1) * (0.5 + Math.random())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    static String firstSet(Map<String, String> env, String first, String second, String fallback) {
        String value = env.get(first);
        if (value == null || value.isBlank()) value = second == null ? null : env.get(second);
        return value == null || value.isBlank() ? fallback : value;
    }
}
