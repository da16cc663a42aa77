import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Usage: PubSubBench [samples]. Publish → subscriber latency through a local cloud, as javeze deploys a @Subscriber:
 * SNS topic → SQS queue (with the queue policy javeze writes) → event source mapping → function. Functions are
 * in-process (warm, no JVM start): this measures the local cloud's pub/sub pipeline. Two measurements:
 * <ul>
 *   <li>publish → invoke: the time from a Publish call to the subscriber's invocation;</li>
 *   <li>a three-hop chain: hop1's subscriber publishes to topic 2, hop2's to topic 3, hop3's records the end.</li>
 * </ul>
 * Prints {@code publish->invoke p50 X ms max Y ms} and {@code 3-hop chain p50 X ms max Y ms}.
 */
public class PubSubBench {
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("pubsub-bench");
        Hops[] fn = new Hops[1];
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withExecutor((endpoint, logs) -> fn[0] = new Hops(endpoint)));
        try (AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            String role = aws.iam().createRole(r -> r.roleName("bench").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
            // Lambda reads each hop's queue with the function's role, as on AWS
            aws.iam().attachRolePolicy(r -> r.roleName("bench")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
            byte[] code = zip();
            for (int hop = 1; hop <= 3; hop++) {
                String name = "hop" + hop;
                String topic = aws.sns().createTopic(r -> r.name("topic-" + name)).topicArn();
                fn[0].topics.put(hop, topic);
                String url = aws.sqs().createQueue(r -> r.queueName("queue-" + name)).queueUrl();
                String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                        .attributesAsStrings().get("QueueArn");
                aws.sqs().setQueueAttributes(r -> r.queueUrl(url).attributesWithStrings(Map.of("Policy", policy(queueArn, topic))));
                aws.sns().subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
                aws.lambda().createFunction(r -> r.functionName(name).role(role).runtime(Runtime.JAVA21)
                        .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
                aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
                String uuid = aws.lambda().createEventSourceMapping(r -> r.functionName(name).eventSourceArn(queueArn).batchSize(10)).uuid();
                while (!aws.lambda().getEventSourceMapping(r -> r.uuid(uuid)).state().equals("Enabled")) {
                    Thread.sleep(50);
                }
            }
            measure("publish->invoke", samples, aws, fn[0], "single");
            measure("3-hop chain", samples, aws, fn[0], "chain");
        } finally {
            cloud.close();
        }
    }

    private static void measure(String label, int samples, AwsClients aws, Hops hops, String mode) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = -3; i < samples; i++) { // three warm-up rounds
            long start = System.nanoTime();
            aws.sns().publish(r -> r.topicArn(hops.topics.get(1)).message(mode + " " + start));
            Long end = hops.done.poll(30, TimeUnit.SECONDS);
            if (end == null) {
                throw new IllegalStateException(label + ": no delivery within 30 s");
            }
            if (i >= 0) {
                millis.add((end - start) / 1e6);
            }
            Thread.sleep(50);
        }
        millis.sort(null);
        System.out.printf("%-16s p50 %7.1f ms   max %7.1f ms   (%d samples)%n", label, millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), millis.size());
    }

    static String policy(String queueArn, String topicArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + topicArn + "\"}}}]}";
    }

    private static byte[] zip() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("a/B.class"));
            out.write(new byte[] {1});
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** hop1 ends a "single" sample; in a "chain" sample hop1 and hop2 publish on and hop3 ends it. */
    static final class Hops implements FunctionExecutor {
        final Map<Integer, String> topics = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Long> done = new LinkedBlockingQueue<>();
        private final AwsClients aws;

        Hops(URI endpoint) {
            this.aws = new AwsClients(AwsTarget.local(endpoint, "us-east-1"));
        }

        @Override
        public InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId) {
            long now = System.nanoTime();
            String event = new String(payload, StandardCharsets.UTF_8);
            int hop = Integer.parseInt(function.functionName().substring(3));
            if (event.contains("single") || hop == 3) {
                done.add(now);
            } else {
                aws.sns().publish(r -> r.topicArn(topics.get(hop + 1)).message("chain from " + hop));
            }
            return new InvocationResult("{}".getBytes(StandardCharsets.UTF_8), null, "", 1);
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
