package io.javeze.deploy.plan;

import io.javeze.deploy.model.StatementIds;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.ApiTarget;
import io.javeze.deploy.model.ApiTarget.AuthorizerTarget;
import io.javeze.deploy.model.ApiTarget.RouteTarget;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.state.ActualApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stage's HTTP API, its integrations, authorizers, routes and stage, and the invoke permissions on the stage's
 * aliases. Integrations and authorizers invoke the stage's alias, never $LATEST, so another stage's deploy
 * (which changes $LATEST) cannot change what this stage serves.
 */
final class ApiDiff {
    static final String PERMISSION_PREFIX = "javeze-";
    static final String PAYLOAD_FORMAT = "2.0";

    private ApiDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Arns arns, Plan.Builder plan) {
        ApiTarget api = desired.api();
        ActualApp.Api existing = actual.api();
        if (api == null) {
            if (existing != null) {
                plan.add(Keys.DELETE_API, new Action.DeleteApi(existing.id()));
            }
            permissions(desired, actual, arns, plan, null, Map.of());
            return;
        }
        if (existing == null) {
            plan.add(Keys.API, new Action.CreateApi(api));
        } else if (!CorsText.same(api.cors(), existing.cors())) {
            plan.add(Keys.API_CORS, new Action.UpdateApiCors(existing.id(), api.cors()));
        }
        Map<String, String> integrationIds = integrations(desired, existing, arns, plan);
        Map<String, String> authorizerIds = authorizers(desired, existing, arns, plan);
        routes(api, existing, integrationIds, authorizerIds, plan);
        if (existing == null || !existing.stages().containsKey(api.stage())) {
            plan.add(Keys.STAGE, new Action.CreateStage(api.stage()), Keys.API);
        } else if (!existing.stages().get(api.stage())) {
            plan.add(Keys.STAGE, new Action.UpdateStage(api.stage()));
        }
        permissions(desired, actual, arns, plan, existing == null ? null : existing.id(), authorizerIds);
    }

    /** @return function → id of the existing integration that stays, for the routes' targets */
    private static Map<String, String> integrations(DesiredApp desired, ActualApp.Api existing, Arns arns, Plan.Builder plan) {
        Map<String, String> kept = new HashMap<>();
        Set<String> functions = new java.util.TreeSet<>();
        desired.api().routes().forEach(r -> functions.add(r.function()));
        Set<String> keptIds = new HashSet<>();
        for (String function : functions) {
            String uri = desired.aliasArn(desired.requireFunction(function).lambdaName());
            ActualApp.Integration match = existing == null ? null : existing.integrations().stream()
                    .filter(i -> uri.equals(i.uri()) && "AWS_PROXY".equals(i.type()) && PAYLOAD_FORMAT.equals(i.payloadFormatVersion()))
                    .filter(i -> !keptIds.contains(i.id()))
                    .findFirst().orElse(null);
            if (match == null) {
                plan.add(Keys.integration(function), new Action.CreateIntegration(function),
                        Keys.API, Keys.alias(desired.requireFunction(function).lambdaName()));
            } else {
                kept.put(function, match.id());
                keptIds.add(match.id());
            }
        }
        if (existing != null) {
            for (ActualApp.Integration i : existing.integrations()) {
                if (!keptIds.contains(i.id())) {
                    plan.add(Keys.deleteIntegration(i.id()), new Action.DeleteIntegration(i.id()), "route:*", "delete-route:*");
                }
            }
        }
        return kept;
    }

    private static Map<String, String> authorizers(DesiredApp desired, ActualApp.Api existing, Arns arns, Plan.Builder plan) {
        Map<String, String> kept = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        for (AuthorizerTarget a : desired.api().authorizers()) {
            wanted.add(a.name());
            FunctionTarget fn = desired.requireFunction(a.function());
            ActualApp.Authorizer current = existing == null ? null : existing.authorizers().get(a.name());
            if (current == null) {
                plan.add(Keys.authorizer(a.name()), new Action.CreateAuthorizer(a), Keys.API, Keys.alias(fn.lambdaName()));
                continue;
            }
            kept.put(a.name(), current.id());
            boolean same = "REQUEST".equals(current.type())
                    && arns.lambdaInvocationUri(desired.aliasArn(fn.lambdaName())).equals(current.uri())
                    && a.identitySources().equals(current.identitySources())
                    && a.resultTtlSeconds() == current.resultTtlSeconds()
                    && current.simpleResponses()
                    && PAYLOAD_FORMAT.equals(current.payloadFormatVersion());
            if (!same) {
                plan.add(Keys.authorizer(a.name()), new Action.UpdateAuthorizer(current.id(), a), Keys.alias(fn.lambdaName()));
            }
        }
        if (existing != null) {
            for (ActualApp.Authorizer current : existing.authorizers().values()) {
                if (!wanted.contains(current.name())) {
                    plan.add(Keys.deleteAuthorizer(current.id()), new Action.DeleteAuthorizer(current.id(), current.name()),
                            "route:*", "delete-route:*");
                }
            }
        }
        return kept;
    }

    private static void routes(ApiTarget api, ActualApp.Api existing, Map<String, String> integrationIds,
                               Map<String, String> authorizerIds, Plan.Builder plan) {
        Set<String> wanted = new HashSet<>();
        for (RouteTarget r : api.routes()) {
            wanted.add(r.routeKey());
            ActualApp.Route current = existing == null ? null : existing.routes().get(r.routeKey());
            String[] deps = r.authorizer() == null
                    ? new String[] {Keys.API, Keys.integration(r.function())}
                    : new String[] {Keys.API, Keys.integration(r.function()), Keys.authorizer(r.authorizer())};
            if (current == null) {
                plan.add(Keys.route(r.routeKey()), new Action.CreateRoute(r), deps);
                continue;
            }
            String integrationId = integrationIds.get(r.function());
            boolean sameTarget = integrationId != null && ("integrations/" + integrationId).equals(current.target());
            boolean sameAuth;
            if (r.authorizer() == null) {
                sameAuth = current.authorizationType() == null || "NONE".equals(current.authorizationType());
            } else {
                String authorizerId = authorizerIds.get(r.authorizer());
                sameAuth = "CUSTOM".equals(current.authorizationType()) && authorizerId != null
                        && authorizerId.equals(current.authorizerId());
            }
            if (!sameTarget || !sameAuth) {
                plan.add(Keys.route(r.routeKey()), new Action.UpdateRoute(current.id(), r), deps);
            }
        }
        if (existing != null) {
            for (ActualApp.Route current : existing.routes().values()) {
                if (!wanted.contains(current.routeKey())) {
                    plan.add(Keys.deleteRoute(current.routeKey()), new Action.DeleteRoute(current.id(), current.routeKey()));
                }
            }
        }
    }


    private record Wanted(String statementId, String method, String path, String authorizer, String sourceArn) {}

    /**
     * One statement per route on the route's function and one per authorizer on its function, each scoped by
     * SourceArn. The expected SourceArn is known only when the API (and authorizer) already exist; otherwise
     * the statement is new anyway.
     */
    private static void permissions(DesiredApp desired, ActualApp actual, Arns arns, Plan.Builder plan,
                                    String apiId, Map<String, String> authorizerIds) {
        Map<String, List<Wanted>> wanted = new LinkedHashMap<>();
        if (desired.api() != null) {
            for (RouteTarget r : desired.api().routes()) {
                String lambda = desired.requireFunction(r.function()).lambdaName();
                String source = apiId == null ? null : arns.routeSource(apiId, r.method(), r.path());
                wanted.computeIfAbsent(lambda, k -> new ArrayList<>())
                        .add(new Wanted(StatementIds.route(desired.stage(), r.routeKey()), r.method(), r.path(), null, source));
            }
            for (AuthorizerTarget a : desired.api().authorizers()) {
                String lambda = desired.requireFunction(a.function()).lambdaName();
                String id = authorizerIds.get(a.name());
                String source = apiId == null || id == null ? null : arns.authorizerSource(apiId, id);
                wanted.computeIfAbsent(lambda, k -> new ArrayList<>())
                        .add(new Wanted(StatementIds.authorizer(desired.stage(), a.name()), null, null, a.name(), source));
            }
        }
        for (FunctionTarget f : desired.functions()) {
            ActualApp.Function current = actual.functions().get(f.lambdaName());
            Map<String, String> existing = current == null ? Map.of() : current.permissions();
            Set<String> keep = new HashSet<>();
            for (Wanted w : wanted.getOrDefault(f.lambdaName(), List.of())) {
                keep.add(w.statementId());
                String have = existing.get(w.statementId());
                boolean present = existing.containsKey(w.statementId());
                if (present && w.sourceArn() != null && w.sourceArn().equals(have)) continue;
                String key = Keys.permission(f.lambdaName(), w.statementId());
                Action add = new Action.AddPermission(f.lambdaName(), desired.stage(), w.statementId(), w.method(), w.path(),
                        w.authorizer(), present);
                if (w.authorizer() != null) {
                    plan.add(key, add, Keys.API, Keys.alias(f.lambdaName()), Keys.authorizer(w.authorizer()));
                } else {
                    plan.add(key, add, Keys.API, Keys.alias(f.lambdaName()));
                }
            }
            for (String sid : existing.keySet()) {
                if (!keep.contains(sid)) {
                    plan.add(Keys.removePermission(f.lambdaName(), sid), new Action.RemovePermission(f.lambdaName(), desired.stage(), sid));
                }
            }
            // a deployment made before stages granted the unqualified function; its routes now invoke the alias
            if (current != null) {
                for (String sid : current.legacyPermissions().keySet()) {
                    plan.add(Keys.removePermission(f.lambdaName(), sid), new Action.RemovePermission(f.lambdaName(), null, sid),
                            "route:*", "authorizer:*");
                }
            }
        }
    }
}
