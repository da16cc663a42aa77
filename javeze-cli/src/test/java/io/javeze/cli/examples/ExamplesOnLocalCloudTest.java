package io.javeze.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.build.PackageIndex;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The examples' real packages (built by {@code javeze build}) deployed to the local cloud with plain AWS SDK calls,
 * no javeze deploy involved: what the local cloud runs answers as Lambda and API Gateway would.
 */
class ExamplesOnLocalCloudTest {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    @TempDir
    static Path tmp;
    static LocalCloud cloud;
    static AwsClients aws;
    static String role;
    static final Map<String, String> layers = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")));
        aws = new AwsClients(AwsTarget.local(cloud.endpoint(), REGION));
        role = aws.iam().createRole(r -> r.roleName("examples").assumeRolePolicyDocument(TRUST)).role().arn();
        aws.iam().attachRolePolicy(r -> r.roleName("examples")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        // Lambda reads a subscriber's queue with the function's role, as on AWS
        aws.iam().attachRolePolicy(r -> r.roleName("examples")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
    }

    @AfterAll
    static void stop() {
        if (aws != null) aws.close();
        if (cloud != null) cloud.close();
    }

    @Test
    void helloWorldAnswersThroughAnHttpApiOnceApiGatewayMayInvokeIt() throws Exception {
        Path project = build("hello-world");
        String fn = createFunction(project, "hello", Map.of());
        String apiId = aws.apiGateway().createApi(r -> r.name("hello").protocolType("HTTP")).apiId();
        route(apiId, "GET /hello/{word}", fn, null);
        aws.apiGateway().createStage(r -> r.apiId(apiId).stageName("prod").autoDeploy(true));
        String url = aws.apiGateway().getApi(r -> r.apiId(apiId)).apiEndpoint() + "/prod/hello/sdk";

        assertThat(Examples.get(url, cloud.endpoint(), Map.of())).as("no resource policy statement for API Gateway yet")
                .startsWith("500");

        allowApiGateway(fn, "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + apiId + "/*/*");
        assertThat(Examples.get(url, cloud.endpoint(), Map.of())).isEqualTo("200 Hello, sdk!");
    }

    @Test
    void authExampleIs401WithoutToken403WithAWrongOneAnd200WithTheRightOne() throws Exception {
        Path project = build("auth");
        Map<String, String> env = Map.of("EXAMPLE_AUTH_TOKEN", "sdk-test-token");
        String bearer = createFunction(project, "bearer", env);
        String secret = createFunction(project, "secret", env);
        var api = aws.apiGateway();
        String apiId = api.createApi(r -> r.name("auth").protocolType("HTTP")).apiId();
        String authorizerId = api.createAuthorizer(r -> r.apiId(apiId).name("bearer").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri("arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + bearer + "/invocations")
                .identitySource("$request.header.Authorization").authorizerPayloadFormatVersion("2.0")
                .enableSimpleResponses(true)).authorizerId();
        route(apiId, "GET /private", secret, authorizerId);
        api.createStage(r -> r.apiId(apiId).stageName("prod").autoDeploy(true));
        String base = "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + apiId;
        allowApiGateway(secret, base + "/*/*");
        allowApiGateway(bearer, base + "/authorizers/" + authorizerId);
        String url = api.getApi(r -> r.apiId(apiId)).apiEndpoint() + "/prod/private";

        assertThat(Examples.get(url, cloud.endpoint(), Map.of())).startsWith("401");
        assertThat(Examples.get(url, cloud.endpoint(), Map.of("Authorization", "Bearer wrong"))).startsWith("403");
        assertThat(Examples.get(url, cloud.endpoint(), Map.of("Authorization", "Bearer sdk-test-token")))
                .startsWith("200").contains("demo-user");
    }

    @Test
    void topicSubscriberRunsForAPublishedMessageAndAPoisonMessageEndsInTheDeadLetterQueue() throws Exception {
        Path project = build("topic");
        String subscriber = createFunction(project, "on-user-event", Map.of());
        String topicArn = aws.sns().createTopic(r -> r.name("user-events")).topicArn();
        var sqs = aws.sqs();
        String dlqUrl = sqs.createQueue(r -> r.queueName("on-user-event-dlq")).queueUrl();
        String dlqArn = queueArn(dlqUrl);
        String queueUrl = sqs.createQueue(r -> r.queueName("on-user-event").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn(queueUrl) + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\""
                + topicArn + "\"}}}]}"; // as javeze's deploy writes it: without it SNS may not deliver, as on AWS
        sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("Policy", policy)));
        aws.sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)));
        aws.lambda().createEventSourceMapping(r -> r.functionName(subscriber).eventSourceArn(queueArn(queueUrl))
                .batchSize(10).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

        aws.sns().publish(r -> r.topicArn(topicArn).message("{\"user\":\"ada\",\"action\":\"signup\"}"));
        aws.sns().publish(r -> r.topicArn(topicArn).message("this is not a UserEvent"));

        String logGroup = "/aws/lambda/" + ManifestStore.read(project).function("on-user-event").lambdaName();
        eventually(Duration.ofSeconds(60), () -> logged(logGroup, "user-events: ada signup"));
        eventually(Duration.ofSeconds(60), () -> sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages()
                .stream().anyMatch(m -> m.body().contains("this is not a UserEvent")));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages())
                .as("the good message was deleted after its successful batch, the poison one moved out").isEmpty();
    }

    private static Path build(String example) throws Exception {
        Path project = Examples.copy(example, tmp.resolve(example));
        CliRun build = CliRun.of("build", "--project", project.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        return project;
    }

    /** CreateFunction from the function's package and the manifest's handler, as one would by hand; returns its ARN. */
    private static String createFunction(Path project, String function, Map<String, String> env) throws Exception {
        Manifest manifest = ManifestStore.read(project);
        FunctionSpec spec = manifest.function(function);
        PackageIndex.Entry entry = PackageIndex.read(project).get(function);
        byte[] zip = Files.readAllBytes(PackageIndex.directory(project).resolve(entry.file()));
        List<String> layers = entry.layer() == null ? List.of() : List.of(layer(project, entry.layer()));
        String arn = aws.lambda().createFunction(r -> r.functionName(spec.lambdaName()).role(role).runtime(Runtime.JAVA21)
                .handler(spec.handler()).memorySize(512).timeout(30).environment(e -> e.variables(env)).layers(layers)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
        aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName(spec.lambdaName()));
        assertThat(aws.lambda().getFunction(r -> r.functionName(spec.lambdaName())).configuration().codeSha256())
                .isEqualTo(entry.codeSha256());
        return arn;
    }

    /** The build's dependency layer, published as `javeze deploy` does (the function's package has no jars of its own). */
    private static String layer(Path project, String digest) throws Exception {
        if (layers.containsKey(digest)) return layers.get(digest);
        PackageIndex.Layer layer = PackageIndex.readLayers(project).get(digest);
        byte[] zip = Files.readAllBytes(layer.path(project));
        String arn = aws.lambda().publishLayerVersion(r -> r.layerName("examples-deps").description("sha256=" + digest)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).layerVersionArn();
        layers.put(digest, arn);
        return arn;
    }

    private static void route(String apiId, String routeKey, String functionArn, String authorizerId) {
        var api = aws.apiGateway();
        String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(functionArn).payloadFormatVersion("2.0")).integrationId();
        api.createRoute(r -> {
            r.apiId(apiId).routeKey(routeKey).target("integrations/" + integration);
            if (authorizerId != null) r.authorizationType(AuthorizationType.CUSTOM).authorizerId(authorizerId);
        });
    }

    private static void allowApiGateway(String functionArn, String sourceArn) {
        aws.lambda().addPermission(r -> r.functionName(functionArn).statementId("apigw-" + Math.abs(sourceArn.hashCode()))
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
    }

    private static String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Whether the function logged the text; like Lambda, the local cloud creates the log group at the first log line. */
    private static boolean logged(String logGroup, String text) {
        try {
            return aws.logs().filterLogEvents(r -> r.logGroupName(logGroup)).events().stream()
                    .anyMatch(e -> e.message().contains(text));
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void eventually(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met within " + limit).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
