import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Control-plane latency of the local cloud through the AWS SDK v2 (what javeze deploy pays per call).
 * Invoke uses a no-op executor so it measures the API path only; function execution is benchmarked in the exec package.
 */
public final class LocalCloudApiBench {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    interface Call {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("local-cloud-bench");
        long t0 = System.nanoTime();
        FunctionExecutor noop = new FunctionExecutor() {
            public InvocationResult invoke(FunctionRuntimeConfig f, byte[] payload, String id) {
                return new InvocationResult(payload, null, "", 0);
            }
            public void evict(String arn) { }
            public void close() { }
        };
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withDelays(new StateDelays(50, 50)).withExecutor((e, logs) -> noop))) {
            System.out.printf("start (cold JVM, includes class loading): %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            try (AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
                aws.sts().getCallerIdentity(); // warm the SDK
                String role = aws.iam().createRole(r -> r.roleName("bench").assumeRolePolicyDocument(TRUST)).role().arn();
                byte[] zip = zip(5 * 1024 * 1024);
                measure("CreateFunction (5 MB zip) + Active", 20, i -> {
                    aws.lambda().createFunction(r -> r.functionName("bench-" + i).role(role).runtime(Runtime.JAVA21)
                            .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
                    while (!"Active".equals(aws.lambda().getFunctionConfiguration(r -> r.functionName("bench-" + i)).stateAsString())) {
                        Thread.sleep(5);
                    }
                });
                measure("sts GetCallerIdentity (query/XML)", n, i -> aws.sts().getCallerIdentity());
                measure("lambda GetFunction (rest-json)", n, i -> aws.lambda().getFunction(r -> r.functionName("bench-0")));
                measure("lambda Invoke, no-op executor", n, i -> aws.lambda().invoke(r -> r.functionName("bench-0")
                        .payload(SdkBytes.fromUtf8String("{\"i\":" + i + "}"))));
                String q = aws.sqs().createQueue(r -> r.queueName("bench")).queueUrl();
                measure("sqs SendMessage (json)", n, i -> aws.sqs().sendMessage(r -> r.queueUrl(q).messageBody("m" + i)));
                measure("sqs ReceiveMessage+DeleteMessage", n, i -> {
                    var m = aws.sqs().receiveMessage(r -> r.queueUrl(q)).messages();
                    if (!m.isEmpty()) {
                        aws.sqs().deleteMessage(r -> r.queueUrl(q).receiptHandle(m.get(0).receiptHandle()));
                    }
                });
                String t = aws.sns().createTopic(r -> r.name("bench")).topicArn();
                aws.sns().subscribe(r -> r.topicArn(t).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:bench"));
                measure("sns Publish -> sqs", n, i -> aws.sns().publish(r -> r.topicArn(t).message("p" + i)));
                measure("apigatewayv2 CreateRoute", n, i -> {
                    if (i == 0) {
                        api = aws.apiGateway().createApi(r -> r.name("bench").protocolType("HTTP")).apiId();
                    }
                    aws.apiGateway().createRoute(r -> r.apiId(api).routeKey("GET /r" + i));
                });
                aws.s3().createBucket(r -> r.bucket("bench"));
                byte[] small = new byte[1024];
                measure("s3 PutObject 1 KB (rest-xml)", n, i -> aws.s3().putObject(r -> r.bucket("bench").key("k/" + i),
                        RequestBody.fromBytes(small)));
                measure("s3 GetObject 1 KB", n, i -> aws.s3().getObjectAsBytes(r -> r.bucket("bench").key("k/" + i)));
                measure("s3 ListObjectsV2, a page of 100 keys", n, i -> aws.s3().listObjectsV2(r -> r.bucket("bench").maxKeys(100)));
                byte[] big = new byte[16 * 1024 * 1024];
                new java.util.Random(2).nextBytes(big);
                measure("s3 PutObject 16 MB", 20, i -> aws.s3().putObject(r -> r.bucket("bench").key("big/" + i),
                        RequestBody.fromBytes(big)));
                measure("s3 GetObject 16 MB (streamed from the blob)", 20, i -> aws.s3().getObjectAsBytes(r -> r.bucket("bench")
                        .key("big/" + i)));
            }
        }
        long warm = System.nanoTime();
        try (LocalCloud again = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withExecutor((e, logs) -> noop))) {
            System.out.printf("restart (warm JVM, reloads the state above): %.1f ms%n", (System.nanoTime() - warm) / 1e6);
        }
    }

    static String api;

    static {
        System.setProperty("bench.t0", Long.toString(System.nanoTime()));
    }

    static void measure(String name, int n, Call call) throws Exception {
        List<Long> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.run(i);
            samples.add(System.nanoTime() - s);
        }
        long total = System.nanoTime() - start;
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-40s n=%4d  p50 %7.2f ms  p99 %7.2f ms  %7.0f calls/s%n", name, n, sorted[n / 2] / 1e6,
                sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6, n / (total / 1e9));
    }

    static byte[] zip(int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] data = new byte[size];
        new java.util.Random(1).nextBytes(data);
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("lib/blob.bin"));
            out.write(data);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
