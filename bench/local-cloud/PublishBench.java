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
import java.util.concurrent.Semaphore;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Usage: PublishBench [seconds]. A local cloud whose function (2 instances, in-process: this measures the server, not a
 * function JVM) publishes to an SNS topic with an SQS subscriber through the local cloud's endpoint on every request,
 * as the topic example's POST route does. Deploys it behind {@code POST /publish}, prints {@code URL <url>}, serves
 * until stdin closes or the time limit passes.
 */
public class PublishBench {
    public static void main(String[] args) throws Exception {
        long limitSeconds = args.length > 0 ? Long.parseLong(args[0]) : 300;
        Path dir = Files.createTempDirectory("publish-bench");
        Publisher[] fn = new Publisher[1];
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withExecutor((endpoint, logs) -> fn[0] = new Publisher(endpoint)));
        try (AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            fn[0].topicArn = aws.sns().createTopic(r -> r.name("events")).topicArn();
            String queueUrl = aws.sqs().createQueue(r -> r.queueName("subscriber")).queueUrl();
            String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            aws.sqs().setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(java.util.Map.of("Policy",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                    + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                    + fn[0].topicArn + "\"}}}]}")));
            aws.sns().subscribe(r -> r.topicArn(fn[0].topicArn).protocol("sqs").endpoint(queueArn));
            String role = aws.iam().createRole(r -> r.roleName("bench").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
            byte[] code = zip();
            String arn = aws.lambda().createFunction(r -> r.functionName("publish").role(role).runtime(Runtime.JAVA21)
                    .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(code)))).functionArn();
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("publish"));
            var api = aws.apiGateway();
            String apiId = api.createApi(r -> r.name("bench").protocolType(ProtocolType.HTTP)).apiId();
            String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(arn).payloadFormatVersion("2.0")).integrationId();
            api.createRoute(r -> r.apiId(apiId).routeKey("POST /publish").target("integrations/" + integration));
            api.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            aws.lambda().addPermission(r -> r.functionName("publish").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:" + apiId + "/*"));
            System.out.println("URL " + cloud.endpoint() + "/_api/" + apiId + "/publish");
            System.out.println("HEALTH " + cloud.endpoint() + "/_javeze/health");
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // serve until the script closes our stdin
                    }
                } catch (Exception ignored) {
                    // stop
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(limitSeconds * 1000);
        } finally {
            cloud.close();
        }
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

    /** Two instances; each invocation publishes once through the local cloud's SNS endpoint. */
    static final class Publisher implements FunctionExecutor {
        private final Semaphore instances = new Semaphore(2);
        private final AwsClients aws;
        volatile String topicArn;

        Publisher(URI endpoint) {
            this.aws = new AwsClients(AwsTarget.local(endpoint, "us-east-1"));
        }

        @Override
        public InvocationResult invoke(FunctionRuntimeConfig function, byte[] payload, String requestId) {
            instances.acquireUninterruptibly();
            try {
                String id = aws.sns().publish(r -> r.topicArn(topicArn).message("hello")).messageId();
                return new InvocationResult(("{\"statusCode\":202,\"body\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), null, "", 1);
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
