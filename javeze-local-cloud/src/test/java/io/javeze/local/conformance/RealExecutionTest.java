package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FixturePackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The whole path with the real process executor: deploy a Java package through the SDK, run it, read its log. */
class RealExecutionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void deployedJavaFunctionRunsAndLogsToCloudWatch() throws Exception {
        byte[] zip = Files.readAllBytes(FixturePackages.fixtureZip(dir));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(new StateDelays(50, 50)));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 4)) {
            String role = aws.iam().createRole(r -> r.roleName("echo-role").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
            aws.iam().attachRolePolicy(r -> r.roleName("echo-role").policyArn(CloudFixture.SQS_EXECUTION_POLICY));
            aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("echo").role(role).runtime(Runtime.JAVA21)
                    .handler("io.javeze.local.exec.fixtures.Echo::handleRequest").timeout(30)
                    .environment(e -> e.variables(Map.of("GREETING", "hola")))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("echo"));

            var out = aws.lambda().invoke(r -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{\"env\":[\"GREETING\"]}")));
            assertThat(out.functionError()).as(out.payload().asUtf8String()).isNull();
            JsonNode response = JSON.readTree(out.payload().asUtf8String());
            assertThat(response.toString()).contains("hola");

            var failed = aws.lambda().invoke(r -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{\"throw\":\"boom\"}")));
            assertThat(failed.functionError()).isEqualTo("Unhandled");
            assertThat(failed.payload().asUtf8String()).contains("boom");

            String url = aws.sqs().createQueue(r -> r.queueName("echo-in").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30")))
                    .queueUrl();
            String arn = aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(arn).functionName("echo"));
            aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("from-sqs"));
            long deadline = System.currentTimeMillis() + 20_000;
            String count = "1";
            while (System.currentTimeMillis() < deadline && !count.equals("0")) {
                Thread.sleep(100);
                var attrs = aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
                count = Integer.toString(Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
            }
            assertThat(count).as("the mapping consumed and deleted the message").isEqualTo("0");

            var events = aws.logs().filterLogEvents(r -> r.logGroupName("/aws/lambda/echo")).events();
            assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("echo called with"));
        }
    }
}
