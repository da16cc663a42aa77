package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** SQS over its JSON protocol (what the SDK speaks) and SNS fan-out to SQS and Lambda. */
class SqsSnsConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static CloudFixture fx;
    static SqsClient sqs;
    static SnsClient sns;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        sqs = fx.aws.sqs();
        sns = fx.aws.sns();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String arnOf(String url) {
        return fx.queueArn(url);
    }

    @Test
    void queueLifecycle() {
        String url = sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))
                .tags(Map.of("app", "shop"))).queueUrl();
        assertThat(url).isEqualTo(fx.endpoint() + "/000000000000/orders");
        assertThat(sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")))
                .queueUrl()).as("idempotent").isEqualTo(url);
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("orders").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "9"))))
                .isInstanceOf(QueueNameExistsException.class);
        assertThat(sqs.getQueueUrl(r -> r.queueName("orders")).queueUrl()).isEqualTo(url);
        assertThat(arnOf(url)).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
        var all = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(all).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "5").containsKey(QueueAttributeName.CREATED_TIMESTAMP);
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, "{\"Version\":\"2012-10-17\"}")));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.POLICY)).attributes())
                .containsEntry(QueueAttributeName.POLICY, "{\"Version\":\"2012-10-17\"}");
        sqs.tagQueue(r -> r.queueUrl(url).tags(Map.of("team", "a")));
        assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsEntry("app", "shop").containsEntry("team", "a");
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("ord")).queueUrls()).containsExactly(url);
        sqs.deleteQueue(r -> r.queueUrl(url));
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("orders"))).isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"))).isInstanceOf(QueueDoesNotExistException.class);
    }

    @Test
    void messagesWithAttributesVisibilityAndBatches() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("messages")).queueUrl();
        var sent = sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello").messageAttributes(Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue("greeting").build())));
        assertThat(sent.md5OfMessageBody()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        var received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(1)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("hello");
            assertThat(m.messageAttributes().get("kind").stringValue()).isEqualTo("greeting");
            assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        });
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).as("hidden while in flight").isEmpty();
        Message again = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(3)).messages().get(0);
        assertThat(again.messageId()).isEqualTo(sent.messageId());
        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        Message third = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(third.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();

        var batch = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("one").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("two").build()));
        assertThat(batch.successful()).hasSize(2);
        var both = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
        assertThat(both).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(both.stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        assertThat(deleted.successful()).hasSize(2);
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");

        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(11)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.sqs.model.SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("MaxNumberOfMessages");
                });
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("late").delaySeconds(901)))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.sqs.model.SqsException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("bad name!")))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.sqs.model.SqsException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void redrivePolicyMovesMessagesToTheDeadLetterQueue() {
        String dlq = sqs.createQueue(r -> r.queueName("dead")).queueUrl();
        String policy = "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":\"2\"}";
        String url = sqs.createQueue(r -> r.queueName("work").attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy))).queueUrl();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                .get(QueueAttributeName.REDRIVE_POLICY)).as("maxReceiveCount is a number, as SQS returns it").contains("\"maxReceiveCount\":2");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));
        for (int i = 0; i < 2; i++) {
            assertThat(sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0)).messages()).hasSize(1);
        }
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq)).messages()).extracting(Message::body).containsExactly("poison");
    }

    @Test
    void snsDeliversToSqsEnvelopedAndRaw() throws Exception {
        String topic = sns.createTopic(r -> r.name("events")).topicArn();
        assertThat(topic).isEqualTo("arn:aws:sns:us-east-1:000000000000:events");
        assertThat(sns.createTopic(r -> r.name("events")).topicArn()).as("idempotent").isEqualTo(topic);
        String enveloped = sqs.createQueue(r -> r.queueName("enveloped")).queueUrl();
        String raw = sqs.createQueue(r -> r.queueName("raw")).queueUrl();
        String unpermitted = sqs.createQueue(r -> r.queueName("unpermitted")).queueUrl();
        acceptTopic(enveloped, topic);
        acceptTopic(raw, topic);
        sqs.setQueueAttributes(r -> r.queueUrl(unpermitted).attributesWithStrings(Map.of("Policy",
                policy(arnOf(unpermitted), "arn:aws:sns:us-east-1:000000000000:another-topic"))));
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arnOf(unpermitted)));
        String sub1 = sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arnOf(enveloped)).returnSubscriptionArn(true))
                .subscriptionArn();
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(arnOf(raw)).attributes(Map.of("RawMessageDelivery", "true")));
        assertThat(sns.getSubscriptionAttributes(r -> r.subscriptionArn(sub1)).attributes()).containsEntry("Protocol", "sqs");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).hasSize(3);
        assertThat(sns.getTopicAttributes(r -> r.topicArn(topic)).attributes()).containsEntry("SubscriptionsConfirmed", "3");

        String id = sns.publish(r -> r.topicArn(topic).message("{\"order\":1}").subject("new order").messageAttributes(Map.of(
                "type", software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String")
                        .stringValue("created").build()))).messageId();
        Message m = sqs.receiveMessage(r -> r.queueUrl(enveloped).waitTimeSeconds(2)).messages().get(0);
        JsonNode n = JSON.readTree(m.body());
        assertThat(n.get("Type").asText()).isEqualTo("Notification");
        assertThat(n.get("MessageId").asText()).isEqualTo(id);
        assertThat(n.get("TopicArn").asText()).isEqualTo(topic);
        assertThat(n.get("Message").asText()).isEqualTo("{\"order\":1}");
        assertThat(n.get("Subject").asText()).isEqualTo("new order");
        assertThat(n.get("MessageAttributes").get("type").get("Value").asText()).isEqualTo("created");
        assertThat(n.get("UnsubscribeURL").asText()).isEqualTo(fx.endpoint() + "/?Action=Unsubscribe&SubscriptionArn=" + sub1);
        Message r2 = sqs.receiveMessage(r -> r.queueUrl(raw).waitTimeSeconds(2).messageAttributeNames("All")).messages().get(0);
        assertThat(r2.body()).isEqualTo("{\"order\":1}");
        assertThat(r2.messageAttributes().get("type").stringValue()).isEqualTo("created");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(unpermitted).waitTimeSeconds(1)).messages())
                .as("a queue whose policy admits another topic gets nothing, as on AWS").isEmpty();

        sns.tagResource(r -> r.resourceArn(topic).tags(software.amazon.awssdk.services.sns.model.Tag.builder().key("a").value("b").build()));
        assertThat(sns.listTagsForResource(r -> r.resourceArn(topic)).tags()).hasSize(1);
        sns.unsubscribe(r -> r.subscriptionArn(sub1));
        assertThat(sns.listSubscriptions().subscriptions()).filteredOn(s -> s.topicArn().equals(topic)).hasSize(2);
        sns.deleteTopic(r -> r.topicArn(topic));
        assertThatThrownBy(() -> sns.getTopicAttributes(r -> r.topicArn(topic))).isInstanceOf(NotFoundException.class);
        assertThat(sns.listTopics().topics()).noneMatch(t -> t.topicArn().equals(topic));
    }

    @Test
    void snsInvokesSubscribedFunctionsWhenTheirPolicyAllows() throws Exception {
        String role = fx.createRole("sns-fn-role");
        fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("on-event").role(role).runtime(Runtime.JAVA21)
                .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
        String topic = sns.createTopic(r -> r.name("to-lambda")).topicArn();
        String fn = "arn:aws:lambda:us-east-1:000000000000:function:on-event";
        fx.aws.lambda().addPermission(r -> r.functionName("on-event").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        sns.subscribe(r -> r.topicArn(topic).protocol("lambda").endpoint(fn));
        sns.publish(r -> r.topicArn(topic).message("ping-lambda"));
        long deadline = System.currentTimeMillis() + 5000;
        while (fx.executor.calls.stream().noneMatch(c -> c.payload().contains("ping-lambda")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        String payload = fx.executor.calls.stream().filter(c -> c.payload().contains("ping-lambda")).findFirst().orElseThrow().payload();
        JsonNode record = JSON.readTree(payload).get("Records").get(0);
        assertThat(record.get("EventSource").asText()).isEqualTo("aws:sns");
        assertThat(record.get("Sns").get("TopicArn").asText()).isEqualTo(topic);
        assertThat(record.get("Sns").get("Message").asText()).isEqualTo("ping-lambda");
    }

    /** The policy javeze's deploy writes: only this topic may send to the queue. */
    static String policy(String queueArn, String topicArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + topicArn + "\"}}}]}";
    }

    private void acceptTopic(String queueUrl, String topicArn) {
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("Policy", policy(arnOf(queueUrl), topicArn))));
    }
}
