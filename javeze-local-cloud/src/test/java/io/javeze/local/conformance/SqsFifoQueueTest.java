package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** FIFO queues over SQS's JSON protocol: message groups in order, one in flight per group, deduplication. */
class SqsFifoQueueTest {
    @TempDir
    Path dir;

    @Test
    void groupsAreDeliveredInOrderOneInFlightAtATimeAndDuplicatesAreDropped() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            SqsClient sqs = fx.aws.sqs();
            String url = sqs.createQueue(r -> r.queueName("orders.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true"))).queueUrl();
            var a1 = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1").messageGroupId("A"));
            var a2 = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a2").messageGroupId("A"));
            var duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageBody("a1").messageGroupId("A"));
            var explicit = sqs.sendMessage(r -> r.queueUrl(url).messageBody("b1").messageGroupId("B").messageDeduplicationId("b-1"));
            assertThat(duplicate.messageId()).as("the same content within 5 minutes is the same message").isEqualTo(a1.messageId());
            assertThat(Long.parseLong(a2.sequenceNumber())).isGreaterThan(Long.parseLong(a1.sequenceNumber()));
            assertThat(Long.parseLong(explicit.sequenceNumber())).isGreaterThan(Long.parseLong(a2.sequenceNumber()));

            List<Message> first = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            assertThat(first).extracting(Message::body).containsExactly("a1");
            assertThat(first.get(0).attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "A")
                    .containsEntry(MessageSystemAttributeName.SEQUENCE_NUMBER, a1.sequenceNumber());
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                    .as("group A has a message in flight: only group B gives one out").extracting(Message::body).containsExactly("b1");
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(first.get(0).receiptHandle()));
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                    .extracting(Message::body).containsExactly("a2");

            assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x")))
                    .isInstanceOf(SqsException.class).hasMessageContaining("MessageGroupId");
            assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x").messageGroupId("A").delaySeconds(5)))
                    .isInstanceOf(SqsException.class).hasMessageContaining("not valid for this queue type");
            String strict = sqs.createQueue(r -> r.queueName("strict.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(strict).messageBody("x").messageGroupId("A")))
                    .isInstanceOf(SqsException.class).hasMessageContaining("ContentBasedDeduplication");
        }
    }
}
