package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.daemon.Inventory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/** IAM's and SNS's stores: what they keep survives a restart, concurrent changes stay consistent, batches deliver. */
class QueryServicesStoreTest {
    @TempDir
    Path dir;

    @Test
    void rolesTopicsAndSubscriptionsSurviveARestartAndTheInventoryListsThem() {
        String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\"*\"}]}";
        String topic;
        String subscription;
        try (CloudFixture fx = new CloudFixture(dir)) {
            fx.aws.iam().createRole(r -> r.roleName("kept-role").assumeRolePolicyDocument(CloudFixture.TRUST).maxSessionDuration(7200)
                    .tags(Tag.builder().key("team").value("a").build()));
            fx.aws.iam().putRolePolicy(r -> r.roleName("kept-role").policyName("publish").policyDocument(inline));
            topic = fx.aws.sns().createTopic(r -> r.name("kept-topic").tags(software.amazon.awssdk.services.sns.model.Tag.builder()
                    .key("k").value("v").build())).topicArn();
            fx.aws.sns().setTopicAttributes(r -> r.topicArn(topic).attributeName("DisplayName").attributeValue("Kept"));
            String queue = fx.aws.sqs().createQueue(r -> r.queueName("kept-q")).queueUrl();
            subscription = fx.aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(fx.queueArn(queue))
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        }
        Inventory inventory = Inventory.read(dir);
        assertThat(inventory.roles()).containsExactly("kept-role");
        assertThat(inventory.topics()).containsExactly(topic);
        try (CloudFixture fx = new CloudFixture(dir)) {
            var role = fx.aws.iam().getRole(r -> r.roleName("kept-role")).role();
            assertThat(role.maxSessionDuration()).isEqualTo(7200);
            assertThat(role.tags()).containsExactly(Tag.builder().key("team").value("a").build());
            assertThat(URLDecoder.decode(fx.aws.iam().getRolePolicy(r -> r.roleName("kept-role").policyName("publish")).policyDocument(),
                    StandardCharsets.UTF_8)).isEqualTo(inline);
            assertThat(fx.aws.sns().getTopicAttributes(r -> r.topicArn(topic)).attributes())
                    .containsEntry("DisplayName", "Kept").containsEntry("SubscriptionsConfirmed", "1");
            assertThat(fx.aws.sns().listTagsForResource(r -> r.resourceArn(topic)).tags()).hasSize(1);
            assertThat(fx.aws.sns().getSubscriptionAttributes(r -> r.subscriptionArn(subscription)).attributes())
                    .containsEntry("RawMessageDelivery", "true");
        }
    }

    @Test
    void concurrentSubscribesOfOneEndpointMakeOneSubscriptionAndRolesOneEach() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String topic = fx.aws.sns().createTopic(r -> r.name("busy")).topicArn();
            String queueArn = fx.queueArn(fx.aws.sqs().createQueue(r -> r.queueName("busy-q")).queueUrl());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<String>> subscribes = new ArrayList<>();
                List<Future<String>> roles = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    subscribes.add(pool.submit(() -> fx.aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn))
                            .subscriptionArn()));
                    roles.add(pool.submit(() -> fx.createRole("parallel-" + n)));
                }
                Set<String> arns = new HashSet<>();
                for (Future<String> f : subscribes) {
                    arns.add(f.get());
                }
                for (Future<String> f : roles) {
                    f.get();
                }
                assertThat(arns).hasSize(1);
                assertThat(fx.aws.sns().listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).hasSize(1);
                assertThat(fx.aws.iam().listRoles(r -> r.pathPrefix("/")).roles()).hasSize(16);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aSubscriptionsFilterPolicyDecidesWhatItsQueueGets() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String topic = fx.aws.sns().createTopic(r -> r.name("filtered")).topicArn();
            String paid = fx.aws.sqs().createQueue(r -> r.queueName("paid-q")).queueUrl();
            String all = fx.aws.sqs().createQueue(r -> r.queueName("all-q")).queueUrl();
            for (String q : List.of(paid, all)) {
                String arn = fx.queueArn(q);
                fx.aws.sqs().setQueueAttributes(r -> r.queueUrl(q).attributesWithStrings(Map.of("Policy",
                        SqsSnsConformanceTest.policy(arn, topic))));
            }
            fx.aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(fx.queueArn(paid)).attributes(Map.of(
                    "RawMessageDelivery", "true", "FilterPolicy", "{\"status\":[\"paid\"]}")));
            fx.aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(fx.queueArn(all))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            for (String status : List.of("open", "paid")) {
                fx.aws.sns().publish(r -> r.topicArn(topic).message(status).messageAttributes(Map.of("status",
                        MessageAttributeValue.builder().dataType("String").stringValue(status).build())));
            }
            assertThat(drain(fx, all, 2)).containsExactlyInAnyOrder("open", "paid");
            assertThat(drain(fx, paid, 1)).containsExactly("paid");
            assertThat(fx.aws.sqs().receiveMessage(r -> r.queueUrl(paid).waitTimeSeconds(1)).messages()).isEmpty();
        }
    }

    private static List<String> drain(CloudFixture fx, String queue, int expected) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5000;
        while (bodies.size() < expected && System.currentTimeMillis() < deadline) {
            fx.aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    @Test
    void publishBatchDeliversEachEntryWithItsAttributesRaw() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String topic = fx.aws.sns().createTopic(r -> r.name("batch")).topicArn();
            String queue = fx.aws.sqs().createQueue(r -> r.queueName("batch-q")).queueUrl();
            String queueArn = fx.queueArn(queue);
            fx.aws.sqs().setQueueAttributes(r -> r.queueUrl(queue).attributesWithStrings(Map.of("Policy",
                    SqsSnsConformanceTest.policy(queueArn, topic))));
            fx.aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));
            var result = fx.aws.sns().publishBatch(r -> r.topicArn(topic).publishBatchRequestEntries(
                    PublishBatchRequestEntry.builder().id("a").message("first").messageAttributes(Map.of("bin",
                            MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build()))
                            .build(),
                    PublishBatchRequestEntry.builder().id("b").message("second").build(),
                    PublishBatchRequestEntry.builder().id("c").message("third").messageAttributes(Map.of("bad",
                            MessageAttributeValue.builder().dataType("Weird").stringValue("x").build())).build()));
            assertThat(result.successful()).extracting(e -> e.id()).containsExactly("a", "b");
            assertThat(result.failed()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("c");
                assertThat(f.senderFault()).isTrue();
            });
            List<Message> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5000;
            while (got.size() < 2 && System.currentTimeMillis() < deadline) {
                got.addAll(fx.aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageAttributeNames("All")).messages());
            }
            assertThat(got).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
            Message first = got.stream().filter(m -> m.body().equals("first")).findFirst().orElseThrow();
            assertThat(first.messageAttributes().get("bin").binaryValue().asByteArray()).containsExactly(1, 2, 3);
        }
    }
}
