package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.core.sync.RequestBody;

/** Lambda's control plane and Invoke through the AWS SDK for Java v2, as javeze deploy uses them. */
class LambdaConformanceTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;
    static LambdaClient lambda;
    static String role;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        lambda = fx.aws.lambda();
        role = fx.createRole("fn-role");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static CreateFunctionResponse create(String name, byte[] zip) {
        return lambda.createFunction(CreateFunctionRequest.builder().functionName(name).role(role).runtime(Runtime.JAVA21)
                .handler("com.example.Hello::handleRequest").memorySize(256).timeout(10)
                .environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build()).build());
    }

    static String sha256(byte[] data) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void createIsPendingThenActiveAndReportsCodeHash() throws Exception {
        byte[] zip = CloudFixture.sampleZip();
        CreateFunctionResponse created = create("hello-create", zip);
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
        assertThat(created.codeSha256()).isEqualTo(sha256(zip));
        assertThat(created.codeSize()).isEqualTo(zip.length);
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello-create");
        assertThat(created.lastModified()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        assertThat(created.environment().variables()).containsEntry("GREETING", "hi");

        var waited = lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("hello-create"));
        assertThat(waited.matched().response()).hasValueSatisfying(r -> {
            assertThat(r.configuration().state()).isEqualTo(State.ACTIVE);
            assertThat(r.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        });
        var got = lambda.getFunction(r -> r.functionName("hello-create"));
        assertThat(got.configuration().memorySize()).isEqualTo(256);
        assertThat(got.code().location()).startsWith(fx.endpoint().toString());
        assertThatThrownBy(() -> create("hello-create", zip)).isInstanceOf(ResourceConflictException.class);
    }

    @Test
    void updatesGoInProgressAndConflictingUpdatesGet409() throws Exception {
        create("hello-update", CloudFixture.sampleZip());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("hello-update"));
        String revision = lambda.getFunctionConfiguration(r -> r.functionName("hello-update")).revisionId();
        byte[] zip2 = CloudFixture.zip(Map.of("com/example/Hello.class", "v2"));
        var updated = lambda.updateFunctionCode(r -> r.functionName("hello-update").zipFile(SdkBytes.fromByteArray(zip2)));
        assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(updated.codeSha256()).isEqualTo(sha256(zip2));
        assertThat(updated.revisionId()).isNotEqualTo(revision);
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("hello-update").timeout(20)))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("An update is in progress");
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("hello-update"));
        var config = lambda.updateFunctionConfiguration(r -> r.functionName("hello-update").timeout(20).memorySize(512));
        assertThat(config.timeout()).isEqualTo(20);
        lambda.waiter().waitUntilFunctionUpdated(r -> r.functionName("hello-update"));
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("hello-update")).memorySize()).isEqualTo(512);
        assertThat(fx.executor.evicted).contains("arn:aws:lambda:us-east-1:000000000000:function:hello-update");
    }

    @Test
    void invalidInputGetsLambdasErrors() {
        assertThatThrownBy(() -> create("x".repeat(65), CloudFixture.sampleZip()))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
        assertThatThrownBy(() -> create("not-a-zip", "hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Could not unzip uploaded file");
        assertThatThrownBy(() -> create("zip-slip", CloudFixture.zip(Map.of("../../evil.sh", "rm -rf /"))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(CreateFunctionRequest.builder().functionName("bad-handler").role(role)
                .runtime(Runtime.JAVA21).handler("has spaces").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())))
                .build())).isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> lambda.createFunction(CreateFunctionRequest.builder().functionName("no-role").role(
                "arn:aws:iam::000000000000:role/missing").runtime(Runtime.JAVA21).handler("a::b")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build()))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("cannot be assumed");
        assertThatThrownBy(() -> lambda.createFunction(CreateFunctionRequest.builder().functionName("bad-runtime").role(role)
                .runtime("java99").handler("a::b").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build()))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("runtime");
        assertThatThrownBy(() -> lambda.createFunction(CreateFunctionRequest.builder().functionName("big-memory").role(role)
                .runtime(Runtime.JAVA21).handler("a::b").memorySize(20000)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build()))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName)
                .as("nothing half-created").doesNotContain("bad-runtime", "big-memory", "not-a-zip", "zip-slip", "no-role");
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
    }

    @Test
    void codeFromS3() throws Exception {
        byte[] zip = CloudFixture.sampleZip();
        fx.aws.s3().createBucket(CreateBucketRequest.builder().bucket("deploy-bucket").build());
        fx.aws.s3().putObject(PutObjectRequest.builder().bucket("deploy-bucket").key("fn/code.zip").build(), RequestBody.fromBytes(zip));
        var created = lambda.createFunction(CreateFunctionRequest.builder().functionName("from-s3").role(role).runtime(Runtime.JAVA21)
                .handler("a.B::c").code(c -> c.s3Bucket("deploy-bucket").s3Key("fn/code.zip")).build());
        assertThat(created.codeSha256()).isEqualTo(sha256(zip));
        assertThatThrownBy(() -> lambda.createFunction(CreateFunctionRequest.builder().functionName("from-s3-missing").role(role)
                .runtime(Runtime.JAVA21).handler("a.B::c").code(c -> c.s3Bucket("deploy-bucket").s3Key("nope.zip")).build()))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void listFunctionsPaginates() {
        for (int i = 0; i < 5; i++) {
            create("page-" + i, CloudFixture.sampleZip());
        }
        var names = lambda.listFunctionsPaginator(r -> r.maxItems(2)).functions().stream().map(FunctionConfiguration::functionName)
                .filter(n -> n.startsWith("page-")).toList();
        assertThat(names).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(lambda.listFunctions(r -> r.maxItems(2)).nextMarker()).isNotNull();
    }

    @Test
    void publishOnCreateAndUpdateAnswersWithTheNewVersion() {
        var created = lambda.createFunction(CreateFunctionRequest.builder().functionName("published").role(role).runtime(Runtime.JAVA21)
                .handler("com.example.Hello::handleRequest").publish(true).tags(Map.of("team", "a"))
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())).build()).build());
        assertThat(created.version()).as("Lambda names the published version, not $LATEST").isEqualTo("1");
        assertThat(created.functionArn()).as("but with the unqualified ARN").endsWith(":function:published");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("published")).versions()).extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "1");
        assertThat(lambda.getFunction(r -> r.functionName("published")).configuration().version()).isEqualTo("$LATEST");

        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("published"));
        byte[] zip2 = CloudFixture.zip(Map.of("com/example/Hello.class", "v2"));
        var updated = lambda.updateFunctionCode(r -> r.functionName("published").zipFile(SdkBytes.fromByteArray(zip2)).publish(true));
        assertThat(updated.version()).isEqualTo("2");
        assertThat(updated.functionArn()).endsWith(":function:published:2");

        lambda.createAlias(r -> r.functionName("published").name("live").functionVersion("1"));
        var atAlias = lambda.getFunction(r -> r.functionName("published").qualifier("live"));
        assertThat(atAlias.configuration().version()).as("the alias's version").isEqualTo("1");
        assertThat(atAlias.tags()).as("the function's tags, whatever the qualifier").containsEntry("team", "a");
        assertThat(atAlias.code().location()).as("the version's code, not $LATEST's")
                .isEqualTo(lambda.getFunction(r -> r.functionName("published").qualifier("1")).code().location())
                .isNotEqualTo(lambda.getFunction(r -> r.functionName("published")).code().location());
    }

    @Test
    void latestAskedForByNameHasTheLatestQualifiedArn() {
        lambda.createFunction(CreateFunctionRequest.builder().functionName("latest-arn").role(role).runtime(Runtime.JAVA21)
                .handler("com.example.Hello::handleRequest")
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())).build()).build());
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:latest-arn";
        assertThat(lambda.getFunction(r -> r.functionName("latest-arn").qualifier("$LATEST")).configuration().functionArn())
                .isEqualTo(arn + ":$LATEST");
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("latest-arn:$LATEST")).functionArn()).isEqualTo(arn + ":$LATEST");
        assertThat(lambda.getFunction(r -> r.functionName("latest-arn")).configuration().functionArn()).as("unqualified").isEqualTo(arn);
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("latest-arn"));
        lambda.publishVersion(r -> r.functionName("latest-arn"));
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("latest-arn")).versions()).extracting(FunctionConfiguration::functionArn)
                .containsExactly(arn + ":$LATEST", arn + ":1");
    }

    @Test
    void anUpdateStopsOnlyLatestsInstancesAndAVersionsStopOnceNoAliasServesIt() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:moving";
        lambda.createFunction(CreateFunctionRequest.builder().functionName("moving").role(role).runtime(Runtime.JAVA21)
                .handler("com.example.Hello::handleRequest").publish(true)
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())).build()).build());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("moving"));
        lambda.createAlias(r -> r.functionName("moving").name("prod").functionVersion("1"));
        lambda.createAlias(r -> r.functionName("moving").name("beta").functionVersion("1"));
        byte[] zip2 = CloudFixture.zip(Map.of("com/example/Hello.class", "v2"));
        lambda.updateFunctionCode(r -> r.functionName("moving").zipFile(SdkBytes.fromByteArray(zip2)).publish(true));
        assertThat(fx.executor.evicted).as("version 1 keeps serving its aliases").contains(arn + ":$LATEST")
                .doesNotContain(arn + ":1");
        lambda.updateAlias(r -> r.functionName("moving").name("prod").functionVersion("2"));
        assertThat(fx.executor.evicted).as("beta still routes to version 1").doesNotContain(arn + ":1");
        lambda.updateAlias(r -> r.functionName("moving").name("beta").functionVersion("2"));
        assertThat(fx.executor.evicted).as("no alias serves version 1 any more").contains(arn + ":1")
                .doesNotContain(arn + ":2");
    }

    @Test
    void versionsAliasesUrlsPermissionsTagsAndConcurrency() {
        create("full", CloudFixture.sampleZip());
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("full"));
        var v1 = lambda.publishVersion(r -> r.functionName("full"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith(":full:1");
        assertThat(lambda.publishVersion(r -> r.functionName("full")).version()).as("unchanged code publishes no new version").isEqualTo("1");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("full")).versions()).extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "1");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("full")).versions().get(0).functionArn())
                .as("AWS lists $LATEST qualified").endsWith(":function:full:$LATEST");
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("full")).functionArn()).endsWith(":function:full");

        var alias = lambda.createAlias(r -> r.functionName("full").name("live").functionVersion("1"));
        assertThat(alias.aliasArn()).endsWith(":full:live");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("full").name("live").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("full").name("bad").functionVersion("9")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.updateAlias(r -> r.functionName("full").name("live").description("prod")).description()).isEqualTo("prod");
        assertThat(lambda.getAlias(r -> r.functionName("full").name("live")).functionVersion()).isEqualTo("1");
        assertThat(lambda.listAliases(r -> r.functionName("full")).aliases()).hasSize(1);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("full").qualifier("live")).version()).isEqualTo("1");

        var url = lambda.createFunctionUrlConfig(r -> r.functionName("full").authType(FunctionUrlAuthType.NONE));
        assertThat(url.functionUrl()).matches("http://[a-z0-9]{32}\\.lambda-url\\.localhost:" + fx.endpoint().getPort() + "/");
        assertThatThrownBy(() -> lambda.createFunctionUrlConfig(r -> r.functionName("full").authType(FunctionUrlAuthType.NONE)))
                .isInstanceOf(ResourceConflictException.class);
        assertThat(lambda.updateFunctionUrlConfig(r -> r.functionName("full").authType(FunctionUrlAuthType.AWS_IAM)).authType())
                .isEqualTo(FunctionUrlAuthType.AWS_IAM);
        String urlId = url.functionUrl().substring(7, 39);
        assertThat(fx.cloud.functionForUrl(urlId)).endsWith(":function:full");
        lambda.deleteFunctionUrlConfig(r -> r.functionName("full"));
        assertThatThrownBy(() -> lambda.getFunctionUrlConfig(r -> r.functionName("full"))).isInstanceOf(ResourceNotFoundException.class);

        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("full"))).isInstanceOf(ResourceNotFoundException.class);
        var st = lambda.addPermission(r -> r.functionName("full").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:abc123/*/*"));
        assertThat(st.statement()).contains("\"Sid\":\"apigw\"").contains("AWS:SourceArn");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("full").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com"))).isInstanceOf(ResourceConflictException.class);
        assertThat(lambda.getPolicy(r -> r.functionName("full")).policy()).contains("apigateway.amazonaws.com");
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:full";
        assertThat(fx.cloud.serviceInvoker().invoke(arn, "apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/hello", "{}".getBytes()).failed()).isFalse();
        assertThatThrownBy(() -> fx.cloud.serviceInvoker().invoke(arn, "apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:000000000000:other/prod/GET/hello", "{}".getBytes()))
                .isInstanceOf(io.javeze.local.gateway.ServiceInvoker.NotPermittedException.class);
        assertThatThrownBy(() -> fx.cloud.serviceInvoker().invoke(arn, "sns.amazonaws.com", null, "{}".getBytes()))
                .isInstanceOf(io.javeze.local.gateway.ServiceInvoker.NotPermittedException.class);
        assertThat(fx.cloud.serviceInvoker().invoke("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + arn + "/invocations",
                "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:000000000000:abc123/prod/GET/x", "{}".getBytes()).failed()).isFalse();
        lambda.removePermission(r -> r.functionName("full").statementId("apigw"));
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("full").statementId("apigw")))
                .isInstanceOf(ResourceNotFoundException.class);

        lambda.tagResource(r -> r.resource(arn).tags(Map.of("team", "web", "env", "dev")));
        lambda.untagResource(r -> r.resource(arn).tagKeys("env"));
        assertThat(lambda.listTags(r -> r.resource(arn)).tags()).containsExactly(Map.entry("team", "web"));

        lambda.putFunctionConcurrency(r -> r.functionName("full").reservedConcurrentExecutions(5));
        assertThat(lambda.getFunction(r -> r.functionName("full")).concurrency().reservedConcurrentExecutions()).isEqualTo(5);

        lambda.deleteAlias(r -> r.functionName("full").name("live"));
        lambda.deleteFunction(r -> r.functionName("full").qualifier("1"));
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("full")).versions()).hasSize(1);
        lambda.deleteFunction(r -> r.functionName("full"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("full"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void layers() {
        byte[] zip = CloudFixture.zip(Map.of("java/lib/dep.jar", "jar"));
        var v1 = lambda.publishLayerVersion(r -> r.layerName("deps").content(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .compatibleRuntimesWithStrings("java21"));
        assertThat(v1.version()).isEqualTo(1L);
        assertThat(v1.layerVersionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:layer:deps:1");
        var v2 = lambda.publishLayerVersion(r -> r.layerName("deps").content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        assertThat(lambda.getLayerVersion(r -> r.layerName("deps").versionNumber(2L)).content().codeSize()).isEqualTo(zip.length);
        assertThat(lambda.listLayerVersions(r -> r.layerName("deps")).layerVersions()).hasSize(2);
        assertThat(lambda.listLayers().layers()).anySatisfy(l -> assertThat(l.latestMatchingVersion().version()).isEqualTo(2L));
        lambda.createFunction(CreateFunctionRequest.builder().functionName("with-layer").role(role).runtime(Runtime.JAVA21)
                .handler("a.B::c").layers(v2.layerVersionArn()).code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip())))
                .build());
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("with-layer")).layers()).singleElement()
                .satisfies(l -> assertThat(l.codeSize()).isEqualTo(zip.length));
        lambda.deleteLayerVersion(r -> r.layerName("deps").versionNumber(1L));
        assertThatThrownBy(() -> lambda.getLayerVersion(r -> r.layerName("deps").versionNumber(1L)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void invokeRunsThroughTheExecutor() {
        create("inv", CloudFixture.sampleZip());
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromUtf8String("{}"))))
                .as("a Pending function cannot be invoked").isInstanceOf(ResourceConflictException.class);
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("inv"));
        InvokeResponse ok = lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromUtf8String("{\"name\":\"x\"}")).logType(LogType.TAIL));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.payload().asUtf8String()).isEqualTo("{\"name\":\"x\"}");
        assertThat(ok.functionError()).isNull();
        assertThat(ok.executedVersion()).isEqualTo("$LATEST");
        assertThat(new String(Base64.getDecoder().decode(ok.logResult()), StandardCharsets.UTF_8)).contains("START RequestId");
        var last = fx.executor.calls.get(fx.executor.calls.size() - 1).function();
        assertThat(last.handler()).isEqualTo("com.example.Hello::handleRequest");
        assertThat(last.memoryMb()).isEqualTo(256);
        assertThat(last.environment()).containsEntry("GREETING", "hi");
        assertThat(last.codeZip()).exists();

        InvokeResponse failed = lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromUtf8String("{\"fail\":true}")));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("errorMessage");

        InvokeResponse async = lambda.invoke(r -> r.functionName("inv").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(async.statusCode()).isEqualTo(202);
        assertThat(lambda.invoke(r -> r.functionName("inv").invocationType(InvocationType.DRY_RUN)).statusCode())
                .as("DryRun answers 204 from InvocationResponse's StatusCode").isEqualTo(204);

        byte[] big = new byte[6 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromByteArray(big))))
                .isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromUtf8String("not json"))))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException"));
        assertThat(lambda.invoke(r -> r.functionName("inv").payload(SdkBytes.fromUtf8String("{}"))).statusCode())
                .as("still serving after bad input").isEqualTo(200);
    }
}
