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
        String event = fx.executor.calls.get(0).payload();
        assertThat(event).contains("\"eventSource\":\"aws:sqs\"").contains("\"eventSourceARN\":\"" + queueArn + "\"");

        assertThat(lambda.getEventSourceMapping(r -> r.uuid(mapping.uuid())).state()).isEqualTo("Enabled");
        assertThat(lambda.listEventSourceMappings(r -> r.functionName("worker")).eventSourceMappings()).hasSize(1);
        assertThat(lambda.updateEventSourceMapping(r -> r.uuid(mapping.uuid()).enabled(false).batchSize(3)).batchSize()).isEqualTo(3);
        assertThat(lambda.deleteEventSourceMapping(r -> r.uuid(mapping.uuid())).state()).isEqualTo("Deleting");
        assertThat(lambda.listEventSourceMappings(r -> r.functionName("worker")).eventSourceMappings()).isEmpty();
    }
}
