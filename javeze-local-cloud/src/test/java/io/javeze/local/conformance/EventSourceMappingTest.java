package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS → Lambda event source mappings: batches, partial batch failures, redrive to the dead-letter queue. */
class EventSourceMappingTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void pollsTheQueueDeletesSuccessesAndRedrivesFailures() throws Exception {
        var sqs = fx.aws.sqs();
        var lambda = fx.aws.lambda();
        String dlq = sqs.createQueue(r -> r.queueName("jobs-dlq")).queueUrl();
        String dlqArn = fx.queueArn(dlq);
        String url = sqs.createQueue(r -> r.queueName("jobs").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":2}"))).queueUrl();
        String queueArn = fx.queueArn(url);
        String role = fx.createRole("worker-role");
        lambda.createFunction(CreateFunctionRequest.builder().functionName("worker").role(role).runtime(Runtime.JAVA21)
                .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.eventSourceArn(queueArn).functionName("worker")))
                .as("Lambda reads the queue with the function's role, which does not allow it yet")
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("The provided execution role does not have permissions to call ReceiveMessage on SQS");
        fx.aws.iam().attachRolePolicy(r -> r.roleName("worker-role").policyArn(CloudFixture.SQS_EXECUTION_POLICY));
        var mapping = lambda.createEventSourceMapping(r -> r.eventSourceArn(queueArn).functionName("worker").batchSize(5)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
        assertThat(mapping.state()).isEqualTo("Creating");
        assertThat(mapping.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:worker");
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.eventSourceArn(queueArn).functionName("worker")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.eventSourceArn("arn:aws:sqs:us-east-1:000000000000:none")
                .functionName("worker"))).isInstanceOf(InvalidParameterValueException.class);

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("good-1"));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("bad-1"));

        long deadline = System.currentTimeMillis() + 15_000;
        Message dead = null;
        while (dead == null && System.currentTimeMillis() < deadline) {
            var got = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages();
            dead = got.isEmpty() ? null : got.get(0);
        }
        assertThat(dead).as("the failing message reached the dead-letter queue").isNotNull();
        assertThat(dead.body()).isEqualTo("bad-1");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        long goodDeliveries = fx.executor.calls.stream().filter(c -> c.payload().contains("good-1")).count();
        assertThat(goodDeliveries).as("a successful record is deleted, not redelivered").isEqualTo(1);
        assertThat(fx.executor.calls.stream().filter(c -> c.payload().contains("bad-1")).count()).isEqualTo(2);
        String event = fx.executor.calls.stream().filter(c -> c.payload().contains("good-1")).findFirst().orElseThrow().payload();
        assertThat(event).contains("\"eventSource\":\"aws:sqs\"").contains("\"eventSourceARN\":\"" + queueArn + "\"");

        assertThat(lambda.getEventSourceMapping(r -> r.uuid(mapping.uuid())).state()).isEqualTo("Enabled");
        assertThat(lambda.listEventSourceMappings(r -> r.functionName("worker")).eventSourceMappings()).hasSize(1);
        assertThat(lambda.updateEventSourceMapping(r -> r.uuid(mapping.uuid()).enabled(false).batchSize(3)).batchSize()).isEqualTo(3);
        assertThat(lambda.deleteEventSourceMapping(r -> r.uuid(mapping.uuid())).state()).isEqualTo("Deleting");
        assertThat(lambda.listEventSourceMappings(r -> r.functionName("worker")).eventSourceMappings()).isEmpty();
    }

    private String queue(String name, String visibility) {
        return fx.aws.sqs().createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibility)))
                .queueUrl();
    }

    private void function(String name) {
        fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName(name).role(fx.createConsumerRole(name + "-role"))
                .runtime(Runtime.JAVA21).handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
    }

    private long calls(String text) {
        return fx.executor.calls.stream().filter(c -> c.payload().contains(text)).count();
    }

    private void await(String what, java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aResponseThatIsNoBatchReportFailsTheWholeBatch() throws Exception {
        String url = queue("garbled", "1");
        function("garbler");
        fx.aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(fx.queueArn(url)).functionName("garbler")
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
        fx.aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("garbled-1"));
        await("the message comes back after its visibility timeout and is delivered again", () -> calls("garbled-1") >= 2, 15_000);
    }

    @Test
    void aSlowFunctionHoldsBackOnlyItsOwnQueue() throws Exception {
        String slowQueue = queue("slow-q", "30");
        String fastQueue = queue("fast-q", "30");
        function("slow-fn");
        function("fast-fn");
        var slow = fx.aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(fx.queueArn(slowQueue)).functionName("slow-fn"));
        var fast = fx.aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(fx.queueArn(fastQueue)).functionName("fast-fn"));
        await("both mappings are enabled", () -> fx.aws.lambda().getEventSourceMapping(r -> r.uuid(fast.uuid())).state().equals("Enabled"), 10_000);
        fx.aws.sqs().sendMessage(r -> r.queueUrl(slowQueue).messageBody("slow-1"));
        await("the slow function is running", () -> calls("slow-1") == 1, 5_000);
        fx.aws.sqs().sendMessage(r -> r.queueUrl(fastQueue).messageBody("quick-1"));
        await("the other queue's function runs while the slow one (5 s) is still busy", () -> calls("quick-1") == 1, 3_000);
        fx.aws.lambda().deleteEventSourceMapping(r -> r.uuid(slow.uuid()));
        fx.aws.lambda().deleteEventSourceMapping(r -> r.uuid(fast.uuid()));
    }

    @Test
    void theBatchingWindowGathersMessagesIntoOneBatch() throws Exception {
        String url = queue("windowed", "30");
        function("windowed-fn");
        var m = fx.aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(fx.queueArn(url)).functionName("windowed-fn")
                .batchSize(3).maximumBatchingWindowInSeconds(3));
        await("the mapping is enabled", () -> fx.aws.lambda().getEventSourceMapping(r -> r.uuid(m.uuid())).state().equals("Enabled"), 10_000);
        for (int i = 1; i <= 3; i++) {
            String body = "windowed-" + i;
            fx.aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody(body));
            Thread.sleep(200);
        }
        await("the batch is delivered once full", () -> calls("windowed-") >= 1, 10_000);
        assertThat(fx.executor.calls.stream().filter(c -> c.payload().contains("windowed-")).findFirst().orElseThrow().payload())
                .as("one invocation with all three messages").contains("windowed-1", "windowed-2", "windowed-3");
        assertThat(calls("windowed-")).isEqualTo(1);
        fx.aws.lambda().deleteEventSourceMapping(r -> r.uuid(m.uuid()));
    }

    @Test
    void aMappingDisabledWhileItWaitsGivesTheMessageBackAtOnce() throws Exception {
        String url = queue("paused", "30");
        function("paused-fn");
        var m = fx.aws.lambda().createEventSourceMapping(r -> r.eventSourceArn(fx.queueArn(url)).functionName("paused-fn"));
        await("the mapping is enabled", () -> fx.aws.lambda().getEventSourceMapping(r -> r.uuid(m.uuid())).state().equals("Enabled"), 10_000);
        fx.aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("paused-0"));
        await("a first message is delivered: the consumer is back in its long poll", () -> calls("paused-0") == 1, 10_000);
        fx.aws.lambda().updateEventSourceMapping(r -> r.uuid(m.uuid()).enabled(false));
        fx.aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("paused-1"));
        var got = fx.aws.sqs().receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(10)).messages();
        assertThat(got).as("not hidden for the queue's 30 s visibility timeout by a mapping that no longer delivers")
                .extracting(Message::body).containsExactly("paused-1");
        assertThat(calls("paused-1")).isZero();
        fx.aws.lambda().deleteEventSourceMapping(r -> r.uuid(m.uuid()));
    }
}
