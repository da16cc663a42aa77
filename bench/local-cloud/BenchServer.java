import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.ExecutorSettings;
import io.javeze.local.exec.IsolationMode;
import io.javeze.local.exec.ProcessFunctionExecutor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Usage: BenchServer <function.zip> [seconds]. Starts a local cloud with the HTTP API data plane, deploys the hello-world test function behind an HTTP API
 * (the zip holds {@code io.javeze.local.exec.fixtures.Hello}) through the AWS SDK, prints {@code URL <url>} and serves until stdin closes or the time limit passes.
 * Environment: BENCH_RUNTIME_DIR keeps the executor's work directory across runs; BENCH_JVM_FLAGS (space separated) replaces the executor's default JVM flags; BENCH_RUNTIME (java21);
 * BENCH_ISOLATION: bubblewrap (default, fails where the sandbox is unavailable) or none; BENCH_HANDLER and BENCH_ROUTE
 * (default the fixture's handler and {@code GET /hello}; the URL printed is the route's path with {@code {x}} as
 * {@code world}) deploy another package, e.g. javeze's hello-world; BENCH_PRESTART=0 turns the executor's pre-start off.
 */
public class BenchServer {
    public static void main(String[] args) throws Exception {
        Path functionZip = Path.of(args[0]);
        long limitSeconds = args.length > 1 ? Long.parseLong(args[1]) : 300;
        Path dir = Files.createTempDirectory(functionZip.toAbsolutePath().getParent(), "server"); // removed by the script
        String shared = System.getenv("BENCH_RUNTIME_DIR"); // unpacked code and class data archives, kept across runs
        Path runtimeDir = shared != null ? Path.of(shared) : dir.resolve("runtime");
        String flags = System.getenv("BENCH_JVM_FLAGS");
        List<String> jvmFlags = flags == null ? ExecutorSettings.DEFAULT_JVM_FLAGS
                : Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        IsolationMode isolation = IsolationMode.parse(System.getenv().getOrDefault("BENCH_ISOLATION", "bubblewrap"), "BENCH_ISOLATION");
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(StateDelays.fast())
                .withExecutor((endpoint, logs) -> new ProcessFunctionExecutor(
                        ExecutorSettings.defaults(runtimeDir, endpoint).withJvmFlags(jvmFlags).withIsolation(isolation)
                                .withPrestart(!"0".equals(System.getenv("BENCH_PRESTART"))), logs)));
        String handler = System.getenv().getOrDefault("BENCH_HANDLER", "io.javeze.local.exec.fixtures.Hello::handleRequest");
        String routeKey = System.getenv().getOrDefault("BENCH_ROUTE", "GET /hello");
        try (AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            String role = aws.iam().createRole(CreateRoleRequest.builder().roleName("bench").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
                    .build()).role().arn();
            byte[] zip = Files.readAllBytes(functionZip);
            String runtime = System.getenv().getOrDefault("BENCH_RUNTIME", "java21");
            String fn = aws.lambda().createFunction(r -> r.functionName("hello").role(role).runtime(Runtime.fromValue(runtime))
                    .handler(handler).memorySize(512).timeout(10)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("hello"));
            var api = aws.apiGateway();
            String apiId = api.createApi(r -> r.name("bench").protocolType(ProtocolType.HTTP)).apiId();
            String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(fn).payloadFormatVersion("2.0")).integrationId();
            api.createRoute(r -> r.apiId(apiId).routeKey(routeKey).target("integrations/" + integration));
            api.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            aws.lambda().addPermission(r -> r.functionName("hello").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:" + fn.split(":")[4] + ":" + apiId + "/*"));
            String path = routeKey.substring(routeKey.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "world");
            System.out.println("URL " + cloud.endpoint() + "/_api/" + apiId + "/$default" + path);
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // serve until the script closes our stdin
                    }
                } catch (java.io.IOException ignored) {
                    // closed
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(limitSeconds * 1000);
        } finally {
            cloud.close();
        }
    }
}
