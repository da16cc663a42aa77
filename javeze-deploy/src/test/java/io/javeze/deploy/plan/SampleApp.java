package io.javeze.deploy.plan;

import io.javeze.config.JavezeConfig;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.ApiTarget;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.DesiredAppBuilder;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.model.StatementIds;
import io.javeze.deploy.model.TopicTarget;
import io.javeze.deploy.packages.PackageEntry;
import io.javeze.deploy.state.ActualApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small app for planner tests: an open route, a protected route, a publishing route, an authorizer and a subscriber,
 * and {@link #deployed} — what AWS would report once exactly that is deployed.
 */
final class SampleApp {
    static final String SERVICE = "shop";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String API_ID = "api123";
    static final Arns ARNS = new Arns("aws", REGION, ACCOUNT);

    private SampleApp() {}

    static JavezeConfig config(Path dir) throws IOException {
        Files.writeString(dir.resolve("javeze.toml"), """
                service_name = "shop"
                [deployment]
                region = "us-east-1"
                [lambda]
                memory_size = 256
                tags = { team = "web" }
                """);
        return JavezeConfig.load(dir);
    }

    static Manifest manifest(List<RouteSpec> routes) {
        List<FunctionSpec> functions = List.of(
                fn("hello", FunctionKind.ROUTE, List.of()),
                fn("secret", FunctionKind.ROUTE, List.of()),
                fn("create-order", FunctionKind.ROUTE, List.of("orders")),
                fn("auth", FunctionKind.AUTH, List.of()),
                fn("on-order", FunctionKind.SUBSCRIBER, List.of()));
        return new Manifest(1, SERVICE, functions, routes,
                List.of(new AuthorizerSpec("auth", "auth", List.of("$request.header.Authorization"), 0)),
                List.of(new TopicSpec("orders", List.of(new TopicSpec.SubscriberSpec("on-order", "com.shop.Order", 10, 3)),
                        List.of("create-order"))),
                null, null);
    }

    static List<RouteSpec> routes() {
        return List.of(
                route("GET", "/hello/{word}", "hello", null),
                route("GET", "/secret", "secret", "auth"),
                route("POST", "/orders", "create-order", null));
    }

    static RouteSpec route(String method, String path, String function, String authorizer) {
        return new RouteSpec(method, path, method + " " + path, function, authorizer, List.of(), "String");
    }

    private static FunctionSpec fn(String name, FunctionKind kind, List<String> publishes) {
        return new FunctionSpec(name, Naming.lambdaFunctionName(SERVICE, name), kind, "com.shop.gen." + name + "::handleRequest",
                "com.shop.App#" + name, null, null, publishes);
    }

    static DesiredApp desired(Path dir, Manifest manifest, Map<String, String> codeShas) throws IOException {
        return desired(dir, manifest, codeShas, null);
    }

    static DesiredApp desired(Path dir, Manifest manifest, Map<String, String> codeShas, String stage) throws IOException {
        return DesiredAppBuilder.build(config(dir).withStage(stage, "--stage"), manifest, name -> new PackageEntry(name, dir.resolve(name + ".zip"),
                "hex-" + codeShas.getOrDefault(name, "v1"), "sha-" + codeShas.getOrDefault(name, "v1"), 1000, null),
                REGION, ACCOUNT);
    }

    /** The sample app with {@code [http.cors]} set to {@code cors}. */
    static DesiredApp desired(Path dir, io.javeze.config.HttpCors cors) throws IOException {
        JavezeConfig c = config(dir);
        JavezeConfig withCors = new JavezeConfig(c.file(), c.serviceName(), c.deployment(), c.lambda(), cors);
        return DesiredAppBuilder.build(withCors, manifest(routes()), name -> new PackageEntry(name, dir.resolve(name + ".zip"),
                "hex-v1", "sha-v1", 1000, null), REGION, ACCOUNT);
    }

    /** The version a deploy of {@code f} to {@code stage} publishes. */
    static ActualApp.Version version(FunctionTarget f, String number, String stage) {
        return new ActualApp.Version(number, "javeze stage=" + stage, f.codeSha256(), f.runtime(), f.handler(), f.memorySize(),
                f.timeout(), ARNS.role(f.roleName()), List.of(f.architecture()), f.environment());
    }

    /** What the reader would find after {@code desired} was fully deployed (each function at version 1). */
    static ActualApp deployed(DesiredApp desired) {
        Map<String, ActualApp.Role> roles = new HashMap<>();
        for (RoleTarget r : desired.roles()) {
            roles.put(r.name(), new ActualApp.Role(r.name(), ARNS.role(r.name()), Set.of(r.basicPolicyArn("aws")),
                    r.inlinePolicy() == null ? Map.of() : Map.of(RoleTarget.INLINE_POLICY_NAME, r.inlinePolicy()), true));
        }
        Map<String, String> integrations = new HashMap<>();
        Map<String, ActualApp.Authorizer> authorizers = new HashMap<>();
        Map<String, ActualApp.Route> routes = new HashMap<>();
        List<ActualApp.Integration> integrationList = new ArrayList<>();
        ApiTarget api = desired.api();
        for (ApiTarget.RouteTarget r : api.routes()) {
            integrations.computeIfAbsent(r.function(), f -> {
                String id = "int-" + f;
                integrationList.add(new ActualApp.Integration(id, "AWS_PROXY",
                        desired.aliasArn(desired.requireFunction(f).lambdaName()), "2.0"));
                return id;
            });
        }
        for (ApiTarget.AuthorizerTarget a : api.authorizers()) {
            authorizers.put(a.name(), new ActualApp.Authorizer("authz-" + a.name(), a.name(), "REQUEST",
                    ARNS.lambdaInvocationUri(desired.aliasArn(desired.requireFunction(a.function()).lambdaName())),
                    a.identitySources(), a.resultTtlSeconds(), true, "2.0"));
        }
        for (ApiTarget.RouteTarget r : api.routes()) {
            routes.put(r.routeKey(), new ActualApp.Route("route-" + r.routeKey(), r.routeKey(), "integrations/" + integrations.get(r.function()),
                    r.authorizer() == null ? "NONE" : "CUSTOM", r.authorizer() == null ? null : "authz-" + r.authorizer()));
        }
        Map<String, ActualApp.Function> functions = new HashMap<>();
        for (FunctionTarget f : desired.functions()) {
            Map<String, String> permissions = new HashMap<>();
            for (ApiTarget.RouteTarget r : api.routes()) {
                if (r.function().equals(f.name())) {
                    permissions.put(StatementIds.route(desired.stage(), r.routeKey()), ARNS.routeSource(API_ID, r.method(), r.path()));
                }
            }
            for (ApiTarget.AuthorizerTarget a : api.authorizers()) {
                if (a.function().equals(f.name())) {
                    permissions.put(StatementIds.authorizer(desired.stage(), a.name()), ARNS.authorizerSource(API_ID, "authz-" + a.name()));
                }
            }
            List<ActualApp.Mapping> mappings = new ArrayList<>();
            for (QueueTarget q : desired.queues()) {
                if (q.function().equals(f.name())) {
                    mappings.add(new ActualApp.Mapping("uuid-" + f.name(), q.queueArn(), q.batchSize(),
                            List.of("ReportBatchItemFailures"), "Enabled", desired.stage()));
                }
            }
            functions.put(f.lambdaName(), new ActualApp.Function(f.lambdaName(), ARNS.function(f.lambdaName()), f.runtime(),
                    f.handler(), f.memorySize(), f.timeout(), ARNS.role(f.roleName()), List.of(f.architecture()),
                    f.environment(), f.tags(), f.codeSha256(), "Active", "Successful", permissions, mappings,
                    Map.of(desired.stage(), "1"), Map.of("1", version(f, "1", desired.stage())), null, Map.of()));
        }
        Map<String, ActualApp.Topic> topics = new HashMap<>();
        for (TopicTarget t : desired.topics()) {
            Map<String, String> subs = new HashMap<>();
            desired.queues().stream().filter(q -> q.topic().equals(t.name()))
                    .forEach(q -> subs.put(t.arn() + ":sub-" + q.function(), q.queueArn()));
            topics.put(t.arn(), new ActualApp.Topic(t.snsName(), t.arn(), true, subs));
        }
        Map<String, ActualApp.Queue> queues = new HashMap<>();
        for (QueueTarget q : desired.queues()) {
            queues.put(q.queueName(), new ActualApp.Queue(q.queueName(), "https://sqs/" + q.queueName(), q.queueArn(),
                    Map.of("VisibilityTimeout", String.valueOf(q.visibilityTimeout()), "Policy", q.policy(),
                            "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + q.dlqArn() + "\",\"maxReceiveCount\":\"" + q.maxReceiveCount() + "\"}",
                            "QueueArn", q.queueArn()), true));
            queues.put(q.dlqName(), new ActualApp.Queue(q.dlqName(), "https://sqs/" + q.dlqName(), q.dlqArn(), Map.of(), true));
        }
        ActualApp.Api actualApi = new ActualApp.Api(API_ID, "https://" + API_ID + ".execute-api.us-east-1.amazonaws.com",
                api.tags(), routes, integrationList, authorizers, Map.of(api.stage(), true), api.cors());
        return new ActualApp(roles, functions, actualApi, topics, queues, Map.of());
    }
}
