package io.javeze.local.conformance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs raw test requests with the SDK's public SigV4 signer, as any AWS SDK would. */
final class Signing {
    private Signing() {}

    static Map<String, String> headers(String method, URI uri, String service, Map<String, String> headers, String body,
                                       String secret) {
        return headers(method, uri, service, headers, body, secret, Clock.systemUTC());
    }

    static Map<String, String> headers(String method, URI uri, String service, Map<String, String> headers, String body,
                                       String secret, Clock clock) {
        return headers(method, uri, service, headers, body, "AKIDEXAMPLE", secret, clock);
    }

    static Map<String, String> headers(String method, URI uri, String service, Map<String, String> headers, String body,
                                       String accessKey, String secret, Clock clock) {
        SignedRequest signed = sign(method, uri, service, headers, body, accessKey, secret, clock);
        Map<String, String> out = new LinkedHashMap<>();
        signed.request().forEachHeader((k, v) -> {
            if (!k.equalsIgnoreCase("host")) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }

    static SignedRequest sign(String method, URI uri, String service, Map<String, String> headers, String body,
                              String accessKey, String secret, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    }
}
