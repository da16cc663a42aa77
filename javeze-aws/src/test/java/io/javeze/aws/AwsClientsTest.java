package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/** One HTTP client under every service client; a client is built only when a command first uses it. */
class AwsClientsTest {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");

    /** An HTTP client answering every call with an empty success, recording which service's signature each request carries. */
    static final class RecordingHttp implements SdkHttpClient {
        final List<String> services = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            Matcher scope = SCOPE.matcher(request.httpRequest().firstMatchingHeader("Authorization").orElse(""));
            String service = scope.find() ? scope.group(1) : "unsigned";
            services.add(service);
            String body = service.equals("sts")
                    ? "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                      + "<Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>T</UserId>"
                      + "</GetCallerIdentityResult></GetCallerIdentityResponse>"
                    : "{\"Functions\":[]}";
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", service.equals("sts") ? "text/xml" : "application/json")
                                    .putHeader("Content-Length", String.valueOf(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static AwsClients clients(SdkHttpClient http) {
        return new AwsClients(AwsTarget.local(URI.create("http://127.0.0.1:4566"), null), http, AwsTimeouts.DEFAULT, List.of());
    }

    @Test
    void everyServiceClientSendsThroughTheOneHttpClientWhichClosesOnce() {
        RecordingHttp http = new RecordingHttp();
        try (AwsClients aws = clients(http)) {
            assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
            assertThat(aws.lambda().listFunctions().functions()).isEmpty();
            assertThat(aws.iam()).isNotNull();
        }
        assertThat(http.services).containsExactly("sts", "lambda");
        assertThat(http.closed).hasValue(1);
    }

    @Test
    void aClientIsBuiltOnlyWhenFirstUsedAndOnlyOnce() {
        RecordingHttp http = new RecordingHttp();
        try (AwsClients aws = clients(http)) {
            assertThat(aws.built()).isEmpty();
            var lambda = aws.lambda();
            assertThat(aws.lambda()).isSameAs(lambda);
            aws.s3();
            assertThat(aws.built()).containsExactly("lambda", "s3");
        }
        assertThat(http.services).as("building a client calls nothing").isEmpty();
    }

    @Test
    void threadsAskingForTheSameClientAtOnceGetOneClient() throws Exception {
        try (AwsClients aws = clients(new RecordingHttp())) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) threads.add(start(() -> seen.add(aws.sns())));
            for (Thread t : threads) t.join();
            assertThat(seen).hasSize(8).allSatisfy(c -> assertThat(c).isSameAs(seen.get(0)));
        }
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }
}
