package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A route whose function publishes to SNS mid-request, with far more clients than function instances: requests
 * queued for an instance must not hold the server threads the function's Publish call needs.
 */
class PublishingUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void queuedRequestsDoNotStarveTheFunctionsOwnPublishCalls() throws Exception {
        PublishingExecutor[] executor = new PublishingExecutor[1];
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withExecutor((endpoint, logs) -> executor[0] = new PublishingExecutor(endpoint)));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            executor[0].topicArn = aws.sns().createTopic(r -> r.name("events")).topicArn();
            String role = aws.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
            String fn = aws.lambda().createFunction(r -> r.functionName("pub").role(role).runtime(Runtime.JAVA21).handler("a.B::c")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())))).functionArn();
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("pub"));
            String apiId = aws.apiGateway().createApi(r -> r.name("a").protocolType(ProtocolType.HTTP)).apiId();
            String integration = aws.apiGateway().createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(fn).payloadFormatVersion("2.0")).integrationId();
            aws.apiGateway().createRoute(r -> r.apiId(apiId).routeKey("POST /publish").target("integrations/" + integration));
            aws.apiGateway().createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            aws.lambda().addPermission(r -> r.functionName("pub").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:" + apiId + "/*"));

            long start = System.nanoTime();
            HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
            URI route = cloud.endpoint().resolve("/_api/" + apiId + "/publish");
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 230; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(route).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            var health = http.send(HttpRequest.newBuilder(cloud.endpoint().resolve("/_javeze/health")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the health check answers under load").isEqualTo(200);
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(calls).allSatisfy(c -> assertThat(c.join().statusCode()).isEqualTo(200));
            assertThat(executor[0].published).isEqualTo(230);
            System.out.printf("230 publishing requests served in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Two "instances"; each invocation publishes to SNS through the local cloud's endpoint, as a @Publisher route does. */
    private static final class PublishingExecutor implements FunctionExecutor {
        private final Semaphore instances = new Semaphore(2);
        private final AwsClients aws;
        volatile String topicArn;
        int published;

        PublishingExecutor(URI endpoint) {
            this.aws = new AwsClients(AwsTarget.local(endpoint, "us-east-1"));
        }

        @Override
        public InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId) {
            instances.acquireUninterruptibly();
            try {
                aws.sns().publish(r -> r.topicArn(topicArn).message("hello"));
                synchronized (this) {
                    published++;
                }
                return new InvocationResult("{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8), null, "", 1);
            } finally {
                instances.release();
            }
        }

        @Override
        public void evict(String functionArn) {
        }

        @Override
        public void close() {
            aws.close();
        }
    }
}
