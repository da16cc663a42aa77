package io.javeze.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local cloud in its own JVM, SIGKILLed in the middle of a stream of writes from several clients: after a restart
 * on the same data directory, every acknowledged queue, log event and message is there (in-flight ones included,
 * with their receive counts), and every acknowledged DynamoDB item.
 */
class KillNineRecoveryTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Process cloud = start();
        URI endpoint = endpoint(cloud);
        Map<String, String> queues = new ConcurrentHashMap<>();          // name → url, once CreateQueue answered
        Map<String, String> sent = new ConcurrentHashMap<>();            // message id → body, once SendMessage answered
        Set<String> logged = ConcurrentHashMap.newKeySet();              // log messages, once PutLogEvents answered
        Map<String, Integer> inFlight = new ConcurrentHashMap<>();       // message id → receive count when received
        Map<String, String> items = new ConcurrentHashMap<>();           // DynamoDB key → body, once PutItem answered
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(80);
        List<Thread> writers = new ArrayList<>();
        try (SqsClient sqs = noRetries(SqsClient.builder(), endpoint); CloudWatchLogsClient logs = noRetries(CloudWatchLogsClient.builder(), endpoint);
             DynamoDbClient ddb = noRetries(DynamoDbClient.builder(), endpoint)) {
            ddb.createTable(r -> r.tableName("items").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            String main = sqs.createQueue(r -> r.queueName("stream").attributes(Map.of(
                    software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            logs.createLogGroup(r -> r.logGroupName("/app"));
            logs.createLogStream(r -> r.logGroupName("/app").logStreamName("s"));
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            String body = "w" + writer + "-" + i;
                            String id = sqs.sendMessage(r -> r.queueUrl(main).messageBody(body)).messageId();
                            sent.put(id, body);
                            ddb.putItem(r -> r.tableName("items").item(Map.of("id", AttributeValue.fromS(body),
                                    "body", AttributeValue.fromS(body))));
                            items.put(body, body);
                            if (i % 5 == 0) {
                                String name = "q-" + writer + "-" + i;
                                queues.put(name, sqs.createQueue(r -> r.queueName(name)).queueUrl());
                                logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("s").logEvents(
                                        e -> e.timestamp(System.currentTimeMillis()).message(body)));
                                logged.add(body);
                            }
                            if (i % 7 == 0) {
                                for (Message m : sqs.receiveMessage(r -> r.queueUrl(main).maxNumberOfMessages(2)
                                        .visibilityTimeout(3)).messages()) {
                                    inFlight.put(m.messageId(), 1);
                                }
                            }
                            enough.countDown();
                        } catch (RuntimeException killed) {
                            return; // the cloud is gone: nothing after this was acknowledged
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            assertTrue(enough.await(60, TimeUnit.SECONDS), "the writers made progress");
            cloud.destroyForcibly(); // SIGKILL mid-stream
            cloud.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
        }

        Process restarted = start();
        URI again = endpoint(restarted);
        try (AwsClients aws = new AwsClients(AwsTarget.local(again, "us-east-1"))) {
            Set<String> names = new HashSet<>();
            aws.sqs().listQueues().queueUrls().forEach(u -> names.add(u.substring(u.lastIndexOf('/') + 1)));
            assertTrue(names.containsAll(queues.keySet()), "every acknowledged queue is back");
            Set<String> events = new HashSet<>();
            aws.logs().getLogEvents(r -> r.logGroupName("/app").logStreamName("s")).events().forEach(e -> events.add(e.message()));
            assertTrue(events.containsAll(logged), "every acknowledged log event is back");

            try (DynamoDbClient ddb = noRetries(DynamoDbClient.builder(), again)) {
                Set<String> stored = new HashSet<>();
                ddb.scanPaginator(r -> r.tableName("items")).items().forEach(i -> stored.add(i.get("id").s()));
                assertTrue(stored.containsAll(items.keySet()), "every acknowledged DynamoDB item is back: "
                        + items.size() + " written, " + stored.size() + " found");
            }

            String main = aws.sqs().getQueueUrl(r -> r.queueName("stream")).queueUrl();
            Map<String, String> found = new HashMap<>();
            Map<String, Integer> receiveCounts = new HashMap<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!found.keySet().containsAll(sent.keySet()) && System.currentTimeMillis() < deadline) {
                for (Message m : aws.sqs().receiveMessage(r -> r.queueUrl(main).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .visibilityTimeout(600).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                        .messages()) {
                    found.put(m.messageId(), m.body());
                    receiveCounts.put(m.messageId(), Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
                }
            }
            assertTrue(sent.size() >= 60, "the stream was long enough to mean something: " + sent.size());
            for (var e : sent.entrySet()) {
                assertEquals(e.getValue(), found.get(e.getKey()), "acknowledged message " + e.getKey() + " is back");
            }
            for (String id : inFlight.keySet()) {
                assertTrue(receiveCounts.get(id) >= 2, "a message received before the kill keeps its receive count: " + id);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The writers' clients: a request the kill cut off fails at once instead of retrying against a dead port. */
    private static <B extends AwsClientBuilder<B, C>, C> C noRetries(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private Process start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.javeze.local.daemon.LocalCloudMain",
                "--port", "0", "--data-dir", dataDir.toString(), "--isolation", "none")
                .redirectErrorStream(true).start();
    }

    private static URI endpoint(Process cloud) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(cloud.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("the local cloud did not start");
    }
}
