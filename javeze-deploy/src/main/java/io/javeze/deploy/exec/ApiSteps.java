package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.model.ApiTarget.AuthorizerTarget;
import io.javeze.deploy.model.ApiTarget.RouteTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizerType;
import io.javeze.config.HttpCors;
import software.amazon.awssdk.services.apigatewayv2.model.Cors;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

final class ApiSteps {
    static final String PAYLOAD_FORMAT = "2.0";

    private ApiSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        ApiGatewayV2Client api = ctx.clients.apiGateway();
        if (action instanceof Action.CreateApi a) {
            CreateApiResponse r = ctx.calls.call(() -> api.createApi(b -> b.name(a.api().name()).protocolType(ProtocolType.HTTP)
                    .tags(a.api().tags()).description("javeze HTTP API of service " + ctx.desired.service())
                    .corsConfiguration(cors(a.api().cors()))));
            ctx.api(r.apiId(), r.apiEndpoint());
            ctx.recorder.api(r.apiId(), r.apiEndpoint(), r.apiEndpoint() + "/" + a.api().stage());
            return true;
        }
        if (action instanceof Action.UpdateApiCors a) {
            if (a.cors() == null) {
                ctx.calls.delete(() -> api.deleteCorsConfiguration(b -> b.apiId(a.apiId())));
            } else {
                ctx.calls.call(() -> api.updateApi(b -> b.apiId(a.apiId()).corsConfiguration(cors(a.cors()))));
            }
            return true;
        }
        if (action instanceof Action.DeleteApi a) {
            ctx.calls.delete(() -> api.deleteApi(b -> b.apiId(a.apiId())));
            ctx.recorder.forgetApi();
            return true;
        }
        if (action instanceof Action.CreateIntegration a) {
            String uri = ctx.desired.aliasArn(ctx.desired.requireFunction(a.function()).lambdaName());
            String id = ctx.calls.call(() -> api.createIntegration(b -> b.apiId(ctx.requireApiId())
                    .integrationType(IntegrationType.AWS_PROXY).integrationUri(uri).payloadFormatVersion(PAYLOAD_FORMAT)))
                    .integrationId();
            ctx.integrationIds.put(a.function(), id);
            ctx.recorder.put(Section.INTEGRATIONS, a.function(), id);
            return true;
        }
        if (action instanceof Action.DeleteIntegration a) {
            ctx.calls.delete(() -> api.deleteIntegration(b -> b.apiId(ctx.requireApiId()).integrationId(a.integrationId())));
            ctx.recorder.forgetValue(Section.INTEGRATIONS, a.integrationId());
            return true;
        }
        if (action instanceof Action.CreateAuthorizer a) {
            AuthorizerTarget t = a.authorizer();
            String id = ctx.calls.call(() -> api.createAuthorizer(b -> b.apiId(ctx.requireApiId()).name(t.name())
                    .authorizerType(AuthorizerType.REQUEST).authorizerUri(uri(ctx, t))
                    .identitySource(t.identitySources()).authorizerPayloadFormatVersion(PAYLOAD_FORMAT)
                    .enableSimpleResponses(true).authorizerResultTtlInSeconds(t.resultTtlSeconds()))).authorizerId();
            ctx.authorizerIds.put(t.name(), id);
            ctx.recorder.put(Section.AUTHORIZERS, t.name(), id);
            return true;
        }
        if (action instanceof Action.UpdateAuthorizer a) {
            AuthorizerTarget t = a.authorizer();
            ctx.calls.run(() -> api.updateAuthorizer(b -> b.apiId(ctx.requireApiId()).authorizerId(a.authorizerId()).name(t.name())
                    .authorizerType(AuthorizerType.REQUEST).authorizerUri(uri(ctx, t))
                    .identitySource(t.identitySources()).authorizerPayloadFormatVersion(PAYLOAD_FORMAT)
                    .enableSimpleResponses(true).authorizerResultTtlInSeconds(t.resultTtlSeconds())));
            return true;
        }
        if (action instanceof Action.DeleteAuthorizer a) {
            ctx.calls.delete(() -> api.deleteAuthorizer(b -> b.apiId(ctx.requireApiId()).authorizerId(a.authorizerId())));
            ctx.recorder.put(Section.AUTHORIZERS, a.name(), null);
            return true;
        }
        if (action instanceof Action.CreateRoute a) {
            RouteTarget r = a.route();
            try {
                String id = ctx.calls.call(() -> api.createRoute(b -> {
                    b.apiId(ctx.requireApiId()).routeKey(r.routeKey()).target("integrations/" + ctx.integrationId(r.function()));
                    auth(b::authorizationType, b::authorizerId, ctx, r);
                })).routeId();
                ctx.recorder.put(Section.ROUTES, r.routeKey(), id);
            } catch (RuntimeException e) {
                if (!AwsErrors.isConflict(e)) throw e;
                // created by an earlier attempt: find it and make it right
                String id = ctx.calls.call(() -> api.getRoutes(b -> b.apiId(ctx.requireApiId()).maxResults("500"))).items().stream()
                        .filter(x -> x.routeKey().equals(r.routeKey())).map(x -> x.routeId()).findFirst().orElseThrow(() -> e);
                updateRoute(api, ctx, id, r);
                ctx.recorder.put(Section.ROUTES, r.routeKey(), id);
            }
            return true;
        }
        if (action instanceof Action.UpdateRoute a) {
            updateRoute(api, ctx, a.routeId(), a.route());
            ctx.recorder.put(Section.ROUTES, a.route().routeKey(), a.routeId());
            return true;
        }
        if (action instanceof Action.DeleteRoute a) {
            ctx.calls.delete(() -> api.deleteRoute(b -> b.apiId(ctx.requireApiId()).routeId(a.routeId())));
            ctx.recorder.put(Section.ROUTES, a.routeKey(), null);
            return true;
        }
        if (action instanceof Action.CreateStage a) {
            try {
                ctx.calls.run(() -> api.createStage(b -> b.apiId(ctx.requireApiId()).stageName(a.stage()).autoDeploy(true)
                        .tags(ctx.desired.tags())));
            } catch (RuntimeException e) {
                if (!AwsErrors.isConflict(e)) throw e;
                ctx.calls.run(() -> api.updateStage(b -> b.apiId(ctx.requireApiId()).stageName(a.stage()).autoDeploy(true)));
            }
            return true;
        }
        if (action instanceof Action.UpdateStage a) {
            ctx.calls.run(() -> api.updateStage(b -> b.apiId(ctx.requireApiId()).stageName(a.stage()).autoDeploy(true)));
            return true;
        }
        return false;
    }

    private static void updateRoute(ApiGatewayV2Client api, DeployContext ctx, String routeId, RouteTarget r) {
        ctx.calls.run(() -> api.updateRoute(b -> {
            b.apiId(ctx.requireApiId()).routeId(routeId).target("integrations/" + ctx.integrationId(r.function()));
            auth(b::authorizationType, b::authorizerId, ctx, r);
        }));
    }

    private static void auth(java.util.function.Consumer<AuthorizationType> type, java.util.function.Consumer<String> id,
                             DeployContext ctx, RouteTarget r) {
        if (r.authorizer() == null) {
            type.accept(AuthorizationType.NONE);
        } else {
            type.accept(AuthorizationType.CUSTOM);
            id.accept(ctx.authorizerId(r.authorizer()));
        }
    }

    private static String uri(DeployContext ctx, AuthorizerTarget t) {
        return ctx.arns.lambdaInvocationUri(ctx.desired.aliasArn(ctx.desired.requireFunction(t.function()).lambdaName()));
    }

    private static Cors cors(HttpCors c) {
        if (c == null) return null;
        return Cors.builder().allowOrigins(c.allowOrigins()).allowMethods(c.allowMethods()).allowHeaders(c.allowHeaders())
                .exposeHeaders(c.exposeHeaders()).allowCredentials(c.allowCredentials()).maxAge(c.maxAge()).build();
    }
}
