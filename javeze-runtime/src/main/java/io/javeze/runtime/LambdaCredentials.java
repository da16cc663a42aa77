package io.javeze.runtime;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The function's credentials where Lambda puts them: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN}; or, for SnapStart versions, which get no keys in the environment, the container
 * credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}),
 * asked again shortly before the credentials it gave expire. The same two sources, in the same order, as the
 * SDK's default chain on Lambda.
 */
final class LambdaCredentials {
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final String ECS_HOST = "http://169.254.170.2";

    private final Map<String, String> env;
    private final SdkHttpClient http;
    private AwsCredentialsIdentity cached;
    private Instant expiry = Instant.EPOCH;

    LambdaCredentials(Map<String, String> env, SdkHttpClient http) {
        this.env = env;
        this.http = http;
    }

    synchronized AwsCredentialsIdentity resolve() {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            return identity(key, secret, env.get("AWS_SESSION_TOKEN"));
        }
        URI container = containerEndpoint();
        if (container == null) {
            throw new IllegalStateException("no AWS credentials to publish with: neither AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                    + "nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set (Lambda sets one of them)");
        }
        if (cached == null || Instant.now().isAfter(expiry.minus(REFRESH_BEFORE_EXPIRY))) {
            fetch(container);
        }
        return cached;
    }

    private URI containerEndpoint() {
        String full = SnsTransport.firstSet(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI", null, null);
        if (full != null) return URI.create(full);
        String relative = SnsTransport.firstSet(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null, null);
        return relative == null ? null : URI.create(ECS_HOST + relative);
    }

    private void fetch(URI endpoint) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint);
        String token = authorizationToken();
        if (token != null) request.putHeader("Authorization", token);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request.build()).build()).call();
            byte[] body;
            try (InputStream in = response.responseBody().isPresent() ? response.responseBody().get() : InputStream.nullInputStream()) {
                body = in.readAllBytes();
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                throw new IllegalStateException("the container credentials endpoint answered HTTP " + status);
            }
            Map<String, Object> json = JSON.std.mapFrom(body);
            Object key = json.get("AccessKeyId");
            Object secret = json.get("SecretAccessKey");
            if (!(key instanceof String k) || !(secret instanceof String s)) {
                throw new IllegalStateException("the container credentials endpoint answered without AccessKeyId and SecretAccessKey");
            }
            cached = identity(k, s, json.get("Token") instanceof String t ? t : null);
            expiry = json.get("Expiration") instanceof String e ? Instant.parse(e) : Instant.now().plus(REFRESH_BEFORE_EXPIRY.multipliedBy(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function's credentials from " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private String authorizationToken() {
        String file = SnsTransport.firstSet(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", null, null);
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file + ": " + e.getMessage(), e);
            }
        }
        return SnsTransport.firstSet(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN", null, null);
    }

    private static AwsCredentialsIdentity identity(String key, String secret, String token) {
        return token == null || token.isBlank()
                ? AwsCredentialsIdentity.create(key, secret)
                : AwsSessionCredentialsIdentity.create(key, secret, token);
    }
}
