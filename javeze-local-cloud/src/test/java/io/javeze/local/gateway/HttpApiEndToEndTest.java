package io.javeze.local.gateway;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FixturePackages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.Cors;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deploys real functions and an HTTP API through the AWS SDK into a local cloud (whose data plane is this package),
 * then calls the API over loopback HTTP: control plane, data plane, Lambda authorizer and function JVMs all real.
 */
class HttpApiEndToEndTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    static Path dir;
    static LocalCloud cloud;
    static AwsClients aws;
    static String apiId;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void deploy() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(StateDelays.fast()));
        aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"));
        String role = aws.iam().createRole(CreateRoleRequest.builder().roleName("fn").assumeRolePolicyDocument(TRUST).build()).role().arn();
        byte[] zip = Files.readAllBytes(FixturePackages.fixtureZip(Files.createDirectories(dir.resolve("pkg"))));
        LambdaClient lambda = aws.lambda();
        String helloArn = createFunction(lambda, "hello", "io.javeze.local.exec.fixtures.Hello::handleRequest", role, zip);
        String authArn = createFunction(lambda, "auth", "io.javeze.local.exec.fixtures.HeaderAuthorizer::handleRequest", role, zip);

        ApiGatewayV2Client api = aws.apiGateway();
        apiId = api.createApi(r -> r.name("shop").protocolType(ProtocolType.HTTP)).apiId();
        String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                .integrationUri(helloArn).payloadFormatVersion("2.0")).integrationId();
        String authorizer = api.createAuthorizer(r -> r.apiId(apiId).name("header").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + authArn + "/invocations")
                .identitySource("$request.header.Authorization").authorizerPayloadFormatVersion("2.0")
                .enableSimpleResponses(true).authorizerResultTtlInSeconds(0)).authorizerId();
        api.createRoute(r -> r.apiId(apiId).routeKey("GET /hello/{name}").target("integrations/" + integration));
        api.createRoute(r -> r.apiId(apiId).routeKey("GET /private").target("integrations/" + integration)
                .authorizationType("CUSTOM").authorizerId(authorizer));
        api.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
        String sourceArn = "arn:aws:execute-api:us-east-1:" + helloArn.split(":")[4] + ":" + apiId + "/*";
        lambda.addPermission(r -> r.functionName("hello").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(sourceArn));
        lambda.addPermission(r -> r.functionName("auth").statementId("apigw").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(sourceArn));
    }

    private static String createFunction(LambdaClient lambda, String name, String handler, String role, byte[] zip) {
        String arn = lambda.createFunction(r -> r.functionName(name).role(role).runtime(Runtime.JAVA21).handler(handler)
                .memorySize(256).timeout(10).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        return arn;
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_api/" + apiId + "/$default" + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRouteRunsTheDeployedFunctionAndMapsItsResponse() throws Exception {
        HttpResponse<String> response = get("/hello/bob", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello /hello/bob");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();

        HttpResponse<String> missing = get("/nothing", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void theAccessLogIsWrittenOnlyOnceItsLogGroupExists() throws Exception {
        String group = "/javeze/local/http-api/" + apiId;
        assertThat(get("/hello/before-opt-in", null).statusCode()).isEqualTo(200);
        assertThat(aws.logs().describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups()).isEmpty();

        aws.logs().createLogGroup(r -> r.logGroupName(group));
        assertThat(get("/hello/after-opt-in", null).statusCode()).isEqualTo(200);

        String lines = aws.logs().filterLogEvents(r -> r.logGroupName(group)).events().stream()
                .map(e -> e.message()).reduce("", (a, b) -> a + b + "\n");
        assertThat(lines).contains("\"path\":\"/hello/after-opt-in\"").contains("\"status\":200")
                .doesNotContain("before-opt-in");
    }

    @Test
    void theLambdaAuthorizerGuardsItsRouteAndPassesItsContext() throws Exception {
        assertThat(get("/private", null).statusCode()).isEqualTo(401);
        HttpResponse<String> denied = get("/private", "wrong");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        HttpResponse<String> allowed = get("/private", "let-me-in");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("hello /private as ann");
    }

    @Test
    void corsConfigurationIsStoredAndTheGatewayAnswersPreflightsAndAddsItsHeaders() throws Exception {
        ApiGatewayV2Client api = aws.apiGateway();
        assertThatThrownBy(() -> api.updateApi(r -> r.apiId(apiId).corsConfiguration(c -> c.allowOrigins("*").allowCredentials(true))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("allowCredentials");
        api.updateApi(r -> r.apiId(apiId).corsConfiguration(c -> c.allowOrigins("https://app.example.com")
                .allowMethods("GET", "POST").allowHeaders("authorization").exposeHeaders("x-request-id").allowCredentials(true).maxAge(300)));
        try {
            Cors stored = api.getApi(r -> r.apiId(apiId)).corsConfiguration();
            assertThat(stored.allowOrigins()).containsExactly("https://app.example.com");
            assertThat(stored.maxAge()).isEqualTo(300);

            // no OPTIONS route exists: API Gateway answers the preflight itself
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_api/" + apiId + "/$default/hello/bob"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
            assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValue("GET,POST");
            assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("authorization");
            assertThat(preflight.headers().firstValue("access-control-allow-credentials")).hasValue("true");
            assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("300");

            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_api/" + apiId + "/$default/hello/bob"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(204);
            assertThat(other.headers().firstValue("access-control-allow-origin")).as("an origin not allowed gets no CORS headers").isEmpty();

            HttpResponse<String> normal = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_api/" + apiId + "/$default/hello/bob"))
                    .header("Origin", "https://app.example.com").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(normal.statusCode()).isEqualTo(200);
            assertThat(normal.body()).isEqualTo("hello /hello/bob");
            assertThat(normal.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
            assertThat(normal.headers().firstValue("access-control-expose-headers")).hasValue("x-request-id");
            assertThat(normal.headers().firstValue("access-control-allow-methods")).as("only preflights list methods").isEmpty();
            assertThat(get("/hello/bob", null).headers().firstValue("access-control-allow-origin")).as("no Origin, no CORS").isEmpty();
        } finally {
            api.deleteCorsConfiguration(r -> r.apiId(apiId));
        }
        assertThat(api.getApi(r -> r.apiId(apiId)).corsConfiguration()).isNull();
    }
}
