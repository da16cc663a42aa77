package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.Tag;

/** Function URLs over real HTTP, extensions as layers, code through S3, and the JSON output. */
class FunctionUrlAndLayersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static LocalCloudFixture local;
    static Path code;

    @BeforeAll
    static void start() throws Exception {
        local = new LocalCloudFixture(dir.resolve("cloud"));
        code = TestPackages.hello(dir, "url");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** GET through the loopback endpoint, naming the function URL's virtual host as the Host header. */
    private static HttpResponse<String> get(String functionUrl) throws Exception {
        URI url = URI.create(functionUrl);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + url.getPort() + "/hello"))
                .header("Host", url.getHost() + ":" + url.getPort())
                .timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> statementIds(String fn) throws Exception {
        try {
            JsonNode policy = JSON.readTree(local.aws.lambda().getPolicy(r -> r.functionName(fn)).policy());
            return policy.path("Statement").findValuesAsText("Sid");
        } catch (ResourceNotFoundException noPolicy) {
            return List.of();
        }
    }

    @Test
    void functionUrlAnswersOverHttpWithBothPublicPermissionsAndIsGoneWhenDisabled() throws Exception {
        String fn = "with-url";
        DeployResult enabled = local.deploy(fn, code, o -> {
            o.enableFunctionUrl = true;
            o.envVar = List.of("GREETING=hey");
        });
        assertThat(enabled.functionUrl()).startsWith("http://").endsWith("/");
        assertThat(enabled.warnings()).anySatisfy(w -> assertThat(w).contains("public"));
        assertThat(local.aws.lambda().getFunctionUrlConfig(r -> r.functionName(fn)).authTypeAsString()).isEqualTo("NONE");
        assertThat(statementIds(fn)).containsExactlyInAnyOrder(FunctionUrls.URL_STATEMENT, FunctionUrls.INVOKE_STATEMENT);

        HttpResponse<String> answer = get(enabled.functionUrl());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hey from " + fn);

        assertThat(local.deploy(fn, code, o -> o.enableFunctionUrl = true).changes()).as("already enabled").isEmpty();

        DeployResult disabled = local.deploy(fn, code, o -> o.disableFunctionUrl = true);
        assertThat(disabled.functionUrl()).isNull();
        assertThatThrownBy(() -> local.aws.lambda().getFunctionUrlConfig(r -> r.functionName(fn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(statementIds(fn)).doesNotContain(FunctionUrls.URL_STATEMENT, FunctionUrls.INVOKE_STATEMENT);
        assertThat(get(enabled.functionUrl()).statusCode()).isNotEqualTo(200);
    }

    @Test
    void extensionIsPublishedAsALayerOnceAndAttachedToAFunction() throws Exception {
        Path ext = TestPackages.extension(dir, "v1");
        DeployResult layer = local.deploy("probe-ext", ext, o -> {
            o.extension = true;
            o.compatibleRuntimes = List.of("java21,java17");
        });
        assertThat(layer.action()).isEqualTo("published");
        assertThat(layer.layerVersionArn()).endsWith(":layer:probe-ext:1");
        var published = local.aws.lambda().getLayerVersionByArn(r -> r.arn(layer.layerVersionArn()));
        assertThat(published.compatibleRuntimesAsStrings()).containsExactlyInAnyOrder("java21", "java17");
        assertThat(published.content().codeSha256()).isEqualTo(layer.codeSha256());

        DeployResult same = local.deploy("probe-ext", ext, o -> {
            o.extension = true;
            o.compatibleRuntimes = List.of("java17", "java21");
        });
        assertThat(same.action()).as("same content, no new version").isEqualTo("unchanged");
        assertThat(same.layerVersionArn()).isEqualTo(layer.layerVersionArn());

        String fn = "with-layer";
        local.deploy(fn, code, o -> o.layers = List.of(layer.layerVersionArn()));
        assertThat(local.aws.lambda().getFunctionConfiguration(r -> r.functionName(fn)).layers())
                .extracting(l -> l.arn()).containsExactly(layer.layerVersionArn());
        local.deploy(fn, code, o -> o.layers = List.of());
        assertThat(local.aws.lambda().getFunctionConfiguration(r -> r.functionName(fn)).layers()).isNullOrEmpty();

        // an internal extension (a jar the Java runtime loads) needs no extensions/ directory and targets the Java runtimes
        DeployResult internal = local.deploy("agent-ext", code, o -> {
            o.extension = true;
            o.internal = true;
        });
        assertThat(local.aws.lambda().getLayerVersionByArn(r -> r.arn(internal.layerVersionArn())).compatibleRuntimesAsStrings())
                .isNotEmpty().allMatch(runtime -> runtime.startsWith("java"));
    }

    @Test
    void codeGoesThroughS3WithTheTagsOnTheObject() {
        local.aws.s3().createBucket(r -> r.bucket("deploy-artifacts"));
        String fn = "via-s3";
        DeployResult r1 = local.deploy(fn, code, o -> {
            o.s3Bucket = "deploy-artifacts";
            o.s3Key = "functions/via-s3.zip";
            o.tags = "team=web,env=test";
        });
        assertThat(r1.changes()).contains("upload package to s3://deploy-artifacts/functions/via-s3.zip");
        Map<String, String> objectTags = local.aws.s3().getObjectTagging(r -> r.bucket("deploy-artifacts").key("functions/via-s3.zip"))
                .tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(objectTags).isEqualTo(Map.of("team", "web", "env", "test"));
        assertThat(local.aws.lambda().getFunctionConfiguration(r -> r.functionName(fn)).codeSha256()).isEqualTo(r1.codeSha256());
        assertThat(local.aws.lambda().listTags(r -> r.resource(r1.functionArn())).tags()).containsEntry("team", "web");

        DeployResult r2 = local.deploy(fn, code, o -> o.s3Bucket = "deploy-artifacts");
        assertThat(r2.changes()).as("unchanged code is not uploaded again").isEmpty();
    }

    @Test
    void jsonOutputCarriesTheFieldsScriptsNeed() throws Exception {
        DeployResult result = local.deploy("json-out", code, o -> {
            o.alias = "live";
            o.enableFunctionUrl = true;
        });
        JsonNode json = JSON.readTree(ResultPrinter.render(result, OutputFormat.JSON));
        assertThat(json.path("functionArn").asText()).endsWith(":function:json-out");
        assertThat(json.path("version").asText()).isEqualTo("1");
        assertThat(json.path("alias").asText()).isEqualTo("live");
        assertThat(json.path("functionUrl").asText()).isEqualTo(result.functionUrl()).startsWith("http://");
        assertThat(json.path("codeSha256").asText()).isEqualTo(local.aws.lambda()
                .getFunctionConfiguration(r -> r.functionName("json-out")).codeSha256());
        assertThat(json.path("action").asText()).isEqualTo("created");
        assertThat(local.aws.lambda().getFunctionUrlConfig(r -> r.functionName("json-out").qualifier("live")).functionUrl())
                .isEqualTo(result.functionUrl());
    }
}
