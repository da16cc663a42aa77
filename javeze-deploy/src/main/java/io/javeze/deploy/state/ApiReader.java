package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import io.javeze.aws.Unimplemented;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.OwnershipTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetAuthorizerResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetAuthorizersResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRoutesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStagesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Cors;
import io.javeze.config.HttpCors;

/**
 * The service's HTTP API for the stage: the recorded id if it still exists and is tagged for this service and stage
 * (a manifest copied into another project, or recorded for another stage, names an API that is not this one's),
 * else the one tagged for service and stage.
 */
final class ApiReader {
    private ApiReader() {}

    static ActualApp.Api read(ApiGatewayV2Client api, AwsCalls calls, ExecutorService pool, String service, String stage,
                              String recordedId, java.util.Collection<String> recordedAuthorizerIds) {
        String id = null;
        String endpoint = null;
        Map<String, String> tags = Map.of();
        Cors cors = null;
        if (recordedId != null) {
            try {
                GetApiResponse r = calls.call(() -> api.getApi(b -> b.apiId(recordedId)));
                id = r.apiId();
                endpoint = r.apiEndpoint();
                tags = r.tags() == null ? Map.of() : r.tags();
                cors = r.corsConfiguration();
                if (!OwnershipTags.ownedBy(tags, service, stage)) id = null;
            } catch (RuntimeException e) {
                if (!AwsErrors.isNotFound(e)) throw e;
                id = null;
            }
        }
        if (id == null) {
            Api found = findByTags(api, calls, service, stage);
            if (found == null) return null;
            id = found.apiId();
            endpoint = found.apiEndpoint();
            tags = found.tags() == null ? Map.of() : found.tags();
            cors = found.corsConfiguration();
        }
        String apiId = id;
        CompletableFuture<List<ActualApp.Route>> routes = Parallel.async(pool, () -> routes(api, calls, apiId));
        CompletableFuture<List<ActualApp.Integration>> integrations = Parallel.async(pool, () -> integrations(api, calls, apiId));
        boolean emulator = api.serviceClientConfiguration().endpointOverride().isPresent();
        CompletableFuture<java.util.Optional<List<ActualApp.Authorizer>>> authorizers =
                Parallel.async(pool, () -> Unimplemented.call(emulator, single -> authorizers(api, calls, apiId, single)));
        CompletableFuture<Map<String, Boolean>> stages = Parallel.async(pool, () -> stages(api, calls, apiId));
        Map<String, ActualApp.Route> routeMap = new HashMap<>();
        Parallel.join(routes).forEach(r -> routeMap.put(r.routeKey(), r));
        List<String> notes = new ArrayList<>();
        List<ActualApp.Authorizer> found = Parallel.join(authorizers).orElseGet(() -> {
            Set<String> known = new TreeSet<>(recordedAuthorizerIds);
            routeMap.values().forEach(r -> {
                if (r.authorizerId() != null) known.add(r.authorizerId());
            });
            notes.add(api.serviceClientConfiguration().endpointOverride().get() + " does not implement ApiGatewayV2"
                    + " GetAuthorizers: read the " + known.size() + " authorizer(s) this stage's record and routes name"
                    + " with GetAuthorizer; an authorizer not recorded cannot be seen, nor deleted, on this endpoint");
            return byId(api, calls, pool, apiId, known);
        });
        Map<String, ActualApp.Authorizer> authMap = new HashMap<>();
        found.forEach(a -> authMap.put(a.name(), a));
        return new ActualApp.Api(apiId, endpoint, tags, routeMap, Parallel.join(integrations), authMap, Parallel.join(stages),
                cors(cors), notes);
    }

    private static HttpCors cors(Cors c) {
        if (c == null) return null;
        return new HttpCors(c.allowOrigins(), c.allowMethods(), c.allowHeaders(), c.exposeHeaders(),
                Boolean.TRUE.equals(c.allowCredentials()), c.maxAge());
    }

    private static Api findByTags(ApiGatewayV2Client api, AwsCalls calls, String service, String stage) {
        List<Api> matches = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetApisResponse page = calls.call(() -> api.getApis(b -> b.nextToken(t).maxResults("500")));
            for (Api a : page.items()) {
                if (OwnershipTags.ownedBy(a.tags(), service, stage)) matches.add(a);
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        // should there be several (a crash between CreateApi and recording it), keep reusing the oldest
        return matches.stream().min(Comparator.comparing(a -> a.createdDate() == null ? java.time.Instant.EPOCH : a.createdDate()))
                .orElse(null);
    }

    private static List<ActualApp.Route> routes(ApiGatewayV2Client api, AwsCalls calls, String apiId) {
        List<ActualApp.Route> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetRoutesResponse page = calls.call(() -> api.getRoutes(b -> b.apiId(apiId).nextToken(t).maxResults("500")));
            page.items().forEach(r -> out.add(new ActualApp.Route(r.routeId(), r.routeKey(), r.target(),
                    r.authorizationTypeAsString(), r.authorizerId())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    private static List<ActualApp.Integration> integrations(ApiGatewayV2Client api, AwsCalls calls, String apiId) {
        List<ActualApp.Integration> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetIntegrationsResponse page = calls.call(() -> api.getIntegrations(b -> b.apiId(apiId).nextToken(t).maxResults("500")));
            page.items().forEach(i -> out.add(new ActualApp.Integration(i.integrationId(), i.integrationTypeAsString(),
                    i.integrationUri(), i.payloadFormatVersion())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** @param singleAttempt the first page gets one attempt (a probe of an emulator that may not implement the listing) */
    private static List<ActualApp.Authorizer> authorizers(ApiGatewayV2Client api, AwsCalls calls, String apiId,
                                                          boolean singleAttempt) {
        List<ActualApp.Authorizer> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            boolean probe = singleAttempt && t == null;
            GetAuthorizersResponse page = calls.call(() -> api.getAuthorizers(b -> {
                b.apiId(apiId).nextToken(t).maxResults("500");
                if (probe) b.overrideConfiguration(o -> o.addPlugin(Unimplemented.SINGLE_ATTEMPT));
            }));
            page.items().forEach(a -> out.add(new ActualApp.Authorizer(a.authorizerId(), a.name(), a.authorizerTypeAsString(),
                    a.authorizerUri(), a.identitySource() == null ? List.of() : a.identitySource(),
                    a.authorizerResultTtlInSeconds() == null ? 0 : a.authorizerResultTtlInSeconds(),
                    Boolean.TRUE.equals(a.enableSimpleResponses()), a.authorizerPayloadFormatVersion())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** The authorizers of the given ids that still exist, one GetAuthorizer each (for an endpoint without the listing). */
    private static List<ActualApp.Authorizer> byId(ApiGatewayV2Client api, AwsCalls calls, ExecutorService pool, String apiId,
                                                   Set<String> ids) {
        List<CompletableFuture<ActualApp.Authorizer>> reads = ids.stream().map(id -> Parallel.async(pool, () -> {
            try {
                GetAuthorizerResponse a = calls.call(() -> api.getAuthorizer(b -> b.apiId(apiId).authorizerId(id)));
                return new ActualApp.Authorizer(a.authorizerId(), a.name(), a.authorizerTypeAsString(), a.authorizerUri(),
                        a.identitySource() == null ? List.of() : a.identitySource(),
                        a.authorizerResultTtlInSeconds() == null ? 0 : a.authorizerResultTtlInSeconds(),
                        Boolean.TRUE.equals(a.enableSimpleResponses()), a.authorizerPayloadFormatVersion());
            } catch (RuntimeException e) {
                if (!AwsErrors.isNotFound(e)) throw e;
                return (ActualApp.Authorizer) null;
            }
        })).toList();
        List<ActualApp.Authorizer> out = new ArrayList<>();
        reads.forEach(r -> {
            ActualApp.Authorizer a = Parallel.join(r);
            if (a != null) out.add(a);
        });
        return out;
    }

    private static Map<String, Boolean> stages(ApiGatewayV2Client api, AwsCalls calls, String apiId) {
        Map<String, Boolean> out = new HashMap<>();
        String token = null;
        do {
            String t = token;
            GetStagesResponse page = calls.call(() -> api.getStages(b -> b.apiId(apiId).nextToken(t).maxResults("500")));
            page.items().forEach(s -> out.put(s.stageName(), Boolean.TRUE.equals(s.autoDeploy())));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }
}
