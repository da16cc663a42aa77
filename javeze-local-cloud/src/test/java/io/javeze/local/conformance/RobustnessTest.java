package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.local.fault.FaultInjection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.model.StsException;

/** Bad requests get AWS's answers and the local cloud keeps serving; state survives restarts; faults are injectable. */
class RobustnessTest {
    @TempDir
    Path dir;

    @Test
    void badRequestsGetProtocolErrorsAndTheServerKeepsServing() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            var unsigned = fx.raw("GET", "/2015-03-31/functions/", null, Map.of(), null);
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("Missing Authentication Token");
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");

            var unsignedQuery = fx.raw("POST", "/", null, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Action=GetCallerIdentity&Version=2011-06-15");
            assertThat(unsignedQuery.statusCode()).isEqualTo(403);
            assertThat(unsignedQuery.body()).contains("<Code>MissingAuthenticationToken</Code>");

            var malformed = fx.raw("POST", "/2015-03-31/functions", "lambda", Map.of("Content-Type", "application/json"), "{not json");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");

            var unknownRest = fx.raw("GET", "/2099-01-01/nothing", "lambda", Map.of(), null);
            assertThat(unknownRest.statusCode()).isEqualTo(404);
            assertThat(unknownRest.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");

            var unknownQuery = fx.raw("POST", "/", "iam", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "Action=FlyToTheMoon&Version=2010-05-08");
            assertThat(unknownQuery.statusCode()).isEqualTo(400);
            assertThat(unknownQuery.body()).contains("<Code>InvalidAction</Code>");

            var unknownJson = fx.raw("POST", "/", "logs", Map.of("X-Amz-Target", "Logs_20140328.Nope",
                    "Content-Type", "application/x-amz-json-1.1"), "{}");
            assertThat(unknownJson.statusCode()).isEqualTo(400);
            assertThat(unknownJson.body()).contains("UnknownOperationException");

            var badSqsJson = fx.raw("POST", "/", "sqs", Map.of("X-Amz-Target", "AmazonSQS.GetQueueUrl",
                    "Content-Type", "application/x-amz-json-1.0"), "{\"QueueName\":\"missing\"}");
            assertThat(badSqsJson.statusCode()).isEqualTo(400);
            assertThat(badSqsJson.body()).contains("com.amazonaws.sqs#QueueDoesNotExist");
            assertThat(badSqsJson.headers().firstValue("x-amzn-query-error")).hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");

            assertThat(fx.aws.sts().getCallerIdentity().account()).as("still serving").isEqualTo("000000000000");
        }
    }

    @Test
    void deployedStateSurvivesARestart() {
        String role;
        String apiId;
        try (CloudFixture fx = new CloudFixture(dir)) {
            role = fx.createRole("durable-role");
            fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("durable").role(role).runtime(Runtime.JAVA21)
                    .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
            fx.aws.lambda().addPermission(r -> r.functionName("durable").statementId("s").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com"));
            String q = fx.aws.sqs().createQueue(r -> r.queueName("durable-q").attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "2")))
                    .queueUrl();
            fx.aws.sqs().sendMessage(r -> r.queueUrl(q).messageBody("kept").delaySeconds(0));
            fx.aws.sns().createTopic(r -> r.name("durable-t"));
            apiId = fx.aws.apiGateway().createApi(r -> r.name("durable-api").protocolType("HTTP")).apiId();
            fx.aws.logs().createLogGroup(r -> r.logGroupName("/durable"));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("no temp files left").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (CloudFixture fx = new CloudFixture(dir)) {
            assertThat(fx.aws.iam().getRole(r -> r.roleName("durable-role")).role().arn()).isEqualTo(role);
            var fn = fx.aws.lambda().getFunction(r -> r.functionName("durable"));
            assertThat(fn.configuration().handler()).isEqualTo("a.B::c");
            assertThat(fx.aws.lambda().getPolicy(r -> r.functionName("durable")).policy()).contains("apigateway.amazonaws.com");
            String url = fx.aws.sqs().getQueueUrl(r -> r.queueName("durable-q")).queueUrl();
            assertThat(fx.aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.DELAY_SECONDS))
                    .attributes()).containsEntry(QueueAttributeName.DELAY_SECONDS, "2");
            assertThat(fx.aws.sqs().receiveMessage(r -> r.queueUrl(url)).messages()).singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("kept"));
            assertThat(fx.aws.sns().listTopics().topics()).hasSize(1);
            assertThat(fx.aws.apiGateway().getApi(r -> r.apiId(apiId)).name()).isEqualTo("durable-api");
            assertThat(fx.aws.logs().describeLogGroups().logGroups()).extracting(g -> g.logGroupName()).contains("/durable");
            fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("durable"));
            assertThat(fx.aws.lambda().invoke(r -> r.functionName("durable").payload(SdkBytes.fromUtf8String("{}"))).statusCode())
                    .isEqualTo(200);
            assertThat(fx.executor.calls.get(0).function().codeZip()).exists();
        }
    }

    @Test
    void injectedThrottlingIsDeterministicForASeed() {
        int[] first = throttledCalls(dir.resolve("a"));
        int[] second = throttledCalls(dir.resolve("b"));
        assertThat(first[0]).as("some calls throttled").isPositive();
        assertThat(first[1]).as("some calls served").isPositive();
        assertThat(second).isEqualTo(first);
    }

    private static int[] throttledCalls(Path dataDir) {
        int throttled = 0;
        int served = 0;
        try (CloudFixture fx = new CloudFixture(dataDir, new FaultInjection(42, 0, 0.5, 0, 0))) {
            var raw = software.amazon.awssdk.services.sts.StsClient.builder()
                    .endpointOverride(fx.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "test")))
                    .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                            .retryStrategy(b -> b.maxAttempts(1)))
                    .build();
            for (int i = 0; i < 20; i++) {
                try {
                    raw.getCallerIdentity();
                    served++;
                } catch (StsException e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    throttled++;
                }
            }
            raw.close();
        }
        return new int[] {throttled, served};
    }

    @Test
    void conflictWindowExtendsTheTimeUpdatesAreRefused() {
        try (CloudFixture fx = new CloudFixture(dir, new FaultInjection(1, 0, 0, 0, 1500))) {
            String role = fx.createRole("cw-role");
            fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("cw").role(role).runtime(Runtime.JAVA21)
                    .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
            fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("cw"));
            assertThatThrownBy(() -> fx.aws.lambda().updateFunctionConfiguration(r -> r.functionName("cw").timeout(5)))
                    .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceConflictException.class);
        }
    }
}
