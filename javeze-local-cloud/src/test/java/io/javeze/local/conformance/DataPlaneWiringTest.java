package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** What deploy creates through the control plane answers on the data plane, over real HTTP on loopback. */
class DataPlaneWiringTest {
    @TempDir
    Path dir;

    @Test
    void deployedRoutesAndFunctionUrlsAnswer() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String role = fx.createRole("web-role");
            fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("web").role(role).runtime(Runtime.JAVA21)
                    .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
            var api = fx.aws.apiGateway();
            String id = api.createApi(r -> r.name("web").protocolType("HTTP")).apiId();
            String fn = "arn:aws:lambda:us-east-1:000000000000:function:web";
            String integration = api.createIntegration(r -> r.apiId(id).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(fn).payloadFormatVersion("2.0")).integrationId();
            api.createRoute(r -> r.apiId(id).routeKey("GET /hello").target("integrations/" + integration));
            api.createStage(r -> r.apiId(id).stageName("prod").autoDeploy(true));

            var denied = fx.raw("GET", "/_api/" + id + "/prod/hello", null, Map.of(), null);
            assertThat(denied.statusCode()).as("no permission for API Gateway yet").isGreaterThanOrEqualTo(500);

            fx.aws.lambda().addPermission(r -> r.functionName("web").statementId("apigw").action("lambda:InvokeFunction")
                    .principal("apigateway.amazonaws.com").sourceArn("arn:aws:execute-api:us-east-1:000000000000:" + id + "/*/*"));
            var ok = fx.raw("GET", "/_api/" + id + "/prod/hello", null, Map.of(), null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("GET /hello");
            assertThat(fx.raw("GET", "/_api/" + id + "/prod/nothing", null, Map.of(), null).statusCode()).isEqualTo(404);

            String url = fx.aws.lambda().createFunctionUrlConfig(r -> r.functionName("web").authType(FunctionUrlAuthType.NONE))
                    .functionUrl();
            String urlId = url.substring("http://".length(), url.indexOf('.'));
            assertThat(fx.cloud.functionForUrl(urlId)).isEqualTo(fn);
            Map<String, String> host = Map.of("Host", urlId + ".lambda-url.localhost");
            assertThat(fx.raw("GET", "/anything", null, host, null).statusCode())
                    .as("a NONE function URL without lambda:InvokeFunctionUrl for principal * is forbidden, as on AWS")
                    .isEqualTo(403);

            fx.aws.lambda().addPermission(r -> r.functionName("web").statementId("url").action("lambda:InvokeFunctionUrl")
                    .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE).sourceAccount("000000000000"));
            var viaUrl = fx.raw("GET", "/anything", null, host, null);
            assertThat(viaUrl.statusCode()).isEqualTo(200);
            assertThat(fx.aws.lambda().getPolicy(r -> r.functionName("web")).policy())
                    .as("both conditions survive in one StringEquals")
                    .contains("\"lambda:FunctionUrlAuthType\":\"NONE\"", "\"AWS:SourceAccount\":\"000000000000\"");
        }
    }
}
