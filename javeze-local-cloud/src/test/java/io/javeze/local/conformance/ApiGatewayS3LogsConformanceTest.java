package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.local.gateway.HttpApiView;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

class ApiGatewayS3LogsConformanceTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void httpApiControlPlane() {
        ApiGatewayV2Client api = fx.aws.apiGateway();
        var created = api.createApi(r -> r.name("shop").protocolType(ProtocolType.HTTP).tags(Map.of("app", "shop")));
        String id = created.apiId();
        assertThat(created.apiEndpoint()).isEqualTo("http://" + id + ".execute-api.localhost:" + fx.endpoint().getPort());
        assertThat(created.createdDate()).isNotNull();
        assertThat(api.getApi(r -> r.apiId(id)).name()).isEqualTo("shop");
        assertThat(api.getApis().items()).extracting(a -> a.apiId()).contains(id);
        assertThat(api.updateApi(r -> r.apiId(id).description("the shop")).description()).isEqualTo("the shop");
        assertThatThrownBy(() -> api.createApi(r -> r.name("ws").protocolType(ProtocolType.WEBSOCKET)))
                .isInstanceOf(BadRequestException.class);

        String fn = "arn:aws:lambda:us-east-1:000000000000:function:shop-get";
        var integration = api.createIntegration(r -> r.apiId(id).integrationType(IntegrationType.AWS_PROXY).integrationUri(fn)
                .payloadFormatVersion("2.0"));
        assertThat(integration.timeoutInMillis()).isEqualTo(30000);
        var authorizer = api.createAuthorizer(r -> r.apiId(id).name("auth").authorizerType(AuthorizerType.REQUEST)
                .authorizerUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn + "/invocations")
                .identitySource("$request.header.Authorization").authorizerPayloadFormatVersion("2.0").enableSimpleResponses(true));
        var route = api.createRoute(r -> r.apiId(id).routeKey("GET /items/{id}").target("integrations/" + integration.integrationId())
                .authorizationType(software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType.CUSTOM)
                .authorizerId(authorizer.authorizerId()));
        assertThatThrownBy(() -> api.createRoute(r -> r.apiId(id).routeKey("GET /items/{id}")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> api.createRoute(r -> r.apiId(id).routeKey("FETCH items")))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> api.createRoute(r -> r.apiId(id).routeKey("GET /x").target("integrations/nope")))
                .isInstanceOf(BadRequestException.class);
        assertThat(api.updateRoute(r -> r.apiId(id).routeId(route.routeId()).routeKey("GET /items/{itemId}")).routeKey())
                .isEqualTo("GET /items/{itemId}");
        assertThat(api.getRoutes(r -> r.apiId(id)).items()).hasSize(1);
        assertThat(api.getIntegrations(r -> r.apiId(id)).items()).hasSize(1);
        assertThat(api.getAuthorizers(r -> r.apiId(id)).items()).hasSize(1);
        assertThat(api.getAuthorizer(r -> r.apiId(id).authorizerId(authorizer.authorizerId())).enableSimpleResponses()).isTrue();

        var stage = api.createStage(r -> r.apiId(id).stageName("prod").autoDeploy(true));
        assertThat(stage.autoDeploy()).isTrue();
        assertThatThrownBy(() -> api.createStage(r -> r.apiId(id).stageName("prod"))).isInstanceOf(ConflictException.class);
        assertThat(api.getStages(r -> r.apiId(id)).items()).hasSize(1);
        assertThat(api.createDeployment(r -> r.apiId(id)).deploymentStatusAsString()).isEqualTo("DEPLOYED");
        assertThat(api.getDeployments(r -> r.apiId(id)).items()).hasSize(1);

        String arn = "arn:aws:apigateway:us-east-1::/apis/" + id;
        api.tagResource(r -> r.resourceArn(arn).tags(Map.of("env", "dev")));
        api.untagResource(r -> r.resourceArn(arn).tagKeys("app"));
        assertThat(api.getTags(r -> r.resourceArn(arn)).tags()).containsExactly(Map.entry("env", "dev"));

        HttpApiView view = fx.cloud.httpApis().api(id).orElseThrow();
        assertThat(view.stages()).containsExactly("prod");
        assertThat(view.routes()).singleElement().satisfies(r -> {
            assertThat(r.routeKey()).isEqualTo("GET /items/{itemId}");
            assertThat(r.authorizationType()).isEqualTo("CUSTOM");
        });
        assertThat(view.integrations().get(integration.integrationId()).integrationUri()).isEqualTo(fn);
        assertThat(view.authorizers().get(authorizer.authorizerId()).identitySources()).containsExactly("$request.header.Authorization");

        api.deleteRoute(r -> r.apiId(id).routeId(route.routeId()));
        api.deleteStage(r -> r.apiId(id).stageName("prod"));
        assertThatThrownBy(() -> api.getStage(r -> r.apiId(id).stageName("prod"))).isInstanceOf(NotFoundException.class);
        api.deleteApi(r -> r.apiId(id));
        assertThatThrownBy(() -> api.getApi(r -> r.apiId(id))).isInstanceOf(NotFoundException.class);
        assertThat(fx.cloud.httpApis().api(id)).isEmpty();
    }

    @Test
    void s3BucketsObjectsAndTags() {
        var s3 = fx.aws.s3();
        s3.createBucket(r -> r.bucket("artifacts"));
        s3.headBucket(r -> r.bucket("artifacts"));
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("artifacts");
        s3.putObject(r -> r.bucket("artifacts").key("a/b.txt").tagging("team=web&env=dev").contentType("text/plain"),
                RequestBody.fromString("hello s3"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("artifacts").key("a/b.txt")).asUtf8String()).isEqualTo("hello s3");
        assertThat(s3.headObject(r -> r.bucket("artifacts").key("a/b.txt")).contentLength()).isEqualTo(8L);
        assertThat(s3.getObjectTagging(r -> r.bucket("artifacts").key("a/b.txt")).tagSet()).extracting(Tag::key)
                .containsExactlyInAnyOrder("team", "env");
        s3.putObjectTagging(r -> r.bucket("artifacts").key("a/b.txt").tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build())));
        assertThat(s3.getObjectTagging(r -> r.bucket("artifacts").key("a/b.txt")).tagSet())
                .containsExactly(Tag.builder().key("k").value("v").build());
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("artifacts").key("missing"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("nope-bucket"))).isInstanceOf(NoSuchBucketException.class);
        s3.deleteObject(r -> r.bucket("artifacts").key("a/b.txt"));
        s3.deleteBucket(r -> r.bucket("artifacts"));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("artifacts"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void logGroupsAndFunctionOutput() {
        var logs = fx.aws.logs();
        logs.createLogGroup(r -> r.logGroupName("/aws/lambda/logged"));
        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/aws/lambda/logged")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        logs.putRetentionPolicy(r -> r.logGroupName("/aws/lambda/logged").retentionInDays(14));
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/logged")).logGroups())
                .singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(14));
        logs.deleteRetentionPolicy(r -> r.logGroupName("/aws/lambda/logged"));
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/logged")).logGroups().get(0).retentionInDays()).isNull();

        String role = fx.createRole("logged-role");
        fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("logged").role(role).runtime(Runtime.JAVA21)
                .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
        fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("logged"));
        fx.aws.lambda().invoke(r -> r.functionName("logged").payload(SdkBytes.fromUtf8String("{}")));
        var streams = logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/logged")).logStreams();
        assertThat(streams).hasSize(1);
        var events = logs.getLogEvents(r -> r.logGroupName("/aws/lambda/logged").logStreamName(streams.get(0).logStreamName())).events();
        assertThat(events).extracting(OutputLogEvent::message).anyMatch(m -> m.startsWith("invoked "));
        assertThat(logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/logged").filterPattern("invoked")).events()).hasSize(1);
        logs.deleteLogGroup(r -> r.logGroupName("/aws/lambda/logged"));
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/logged")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
