package io.javeze.deploy.model;

import io.javeze.aws.Partitions;
import io.javeze.config.JavezeConfig;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.packages.PackageEntry;
import io.javeze.deploy.packages.Packages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns manifest + javeze.toml + package index into the {@link DesiredApp}.
 *
 * <p>Roles: one per distinct permission set, not one per function. Every function with the same
 * permissions (most routes and authorizers: logging only) shares a role, so a 56-function app needs
 * a handful of roles instead of 56 — fewer IAM writes and fewer propagation waits — with exactly the same
 * least privilege, since the functions sharing a role have identical needs.
 */
public final class DesiredAppBuilder {
    /** SQS's maximum visibility timeout. */
    private static final int MAX_VISIBILITY = 43_200;

    private DesiredAppBuilder() {}

    public static DesiredApp build(JavezeConfig config, Manifest manifest, Packages packages,
                                   String region, String account) {
        return build(config, manifest, packages::require, region, account);
    }

    /** @param packages each app function's package */
    public static DesiredApp build(JavezeConfig config, Manifest manifest, java.util.function.Function<String, PackageEntry> packages,
                                   String region, String account) {
        String service = config.serviceName();
        String stage = config.deployment().stage();
        String partition = Partitions.of(region);
        Arns arns = new Arns(partition, region, account);
        Map<String, String> tags = OwnershipTags.of(config.lambda().tags(), service, stage);

        Map<String, TopicTarget> topics = new LinkedHashMap<>();
        for (TopicSpec t : manifest.topics()) {
            String snsName = Naming.lambdaFunctionName(service, t.name());
            topics.put(t.name(), new TopicTarget(t.name(), snsName, arns.topic(snsName), tags));
        }

        Map<String, List<String>> published = new TreeMap<>();
        for (FunctionSpec f : manifest.functions()) {
            published.put(f.name(), new ArrayList<>(new TreeSet<>(f.publishes())));
        }
        for (TopicSpec t : manifest.topics()) {
            for (String p : t.publishers()) {
                published.computeIfAbsent(p, k -> new ArrayList<>());
                if (!published.get(p).contains(t.name())) published.get(p).add(t.name());
            }
        }

        List<QueueTarget> queues = new ArrayList<>();
        Map<String, List<String>> consumed = new TreeMap<>();
        for (TopicSpec t : manifest.topics()) {
            TopicTarget topic = topics.get(t.name());
            for (TopicSpec.SubscriberSpec s : t.subscribers()) {
                FunctionSpec fn = manifest.function(s.function());
                String queueName = queueName(fn.lambdaName(), t.name(), manifest);
                String dlqName = queueName + "-dlq";
                String queueArn = arns.queue(queueName);
                int visibility = Math.min(MAX_VISIBILITY, 6 * config.timeoutFor(fn.timeout()));
                queues.add(new QueueTarget(fn.name(), fn.lambdaName(), t.name(), topic.arn(), queueName, queueArn,
                        dlqName, arns.queue(dlqName), Math.max(1, s.maxReceiveCount()), Math.max(1, s.batchSize()),
                        visibility, Policies.queueAcceptsTopic(queueArn, topic.arn()), tags));
                consumed.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(queueArn);
            }
        }

        Map<String, RoleTarget> roles = new TreeMap<>();
        List<FunctionTarget> functions = new ArrayList<>();
        for (FunctionSpec f : manifest.functions()) {
            List<String> topicArns = published.getOrDefault(f.name(), List.of()).stream()
                    .map(name -> {
                        TopicTarget t = topics.get(name);
                        return t != null ? t.arn() : arns.topic(Naming.lambdaFunctionName(service, name));
                    }).sorted().distinct().toList();
            List<String> queueArns = consumed.getOrDefault(f.name(), List.of()).stream().sorted().toList();
            String inline = Policies.executionInline(topicArns, queueArns);
            String roleName = roleName(service, inline);
            roles.computeIfAbsent(roleName, n -> new RoleTarget(n, topicArns, queueArns, inline, tags));

            Map<String, String> env = new TreeMap<>(config.lambda().environment());
            for (String topic : published.getOrDefault(f.name(), List.of())) {
                String arn = topics.containsKey(topic) ? topics.get(topic).arn() : arns.topic(Naming.lambdaFunctionName(service, topic));
                env.put(Naming.topicEnvVar(topic), arn);
            }
            PackageEntry pkg = packages.apply(f.name());
            String arch = pkg.architecture() != null ? pkg.architecture() : config.lambda().architecture();
            functions.add(new FunctionTarget(f.name(), f.lambdaName(), f.kind(), f.handler(), config.lambda().runtime(),
                    config.memoryFor(f.memorySize()), config.timeoutFor(f.timeout()), roleName, arch, env, tags,
                    pkg.codeSha256(), pkg.file(), pkg.sha256(), pkg.size()));
        }

        ApiTarget api = null;
        if (!manifest.routes().isEmpty()) {
            List<ApiTarget.RouteTarget> routes = new ArrayList<>();
            for (RouteSpec r : manifest.routes()) {
                routes.add(new ApiTarget.RouteTarget(r.routeKey(), r.method(), r.path(), r.function(), r.authorizer()));
            }
            List<ApiTarget.AuthorizerTarget> authorizers = new ArrayList<>();
            for (AuthorizerSpec a : manifest.authorizers()) {
                List<String> sources = a.identitySources().isEmpty()
                        ? List.of("$request.header.Authorization") : a.identitySources();
                authorizers.add(new ApiTarget.AuthorizerTarget(a.name(), a.function(), sources, a.resultTtlSeconds()));
            }
            api = new ApiTarget(service + "-" + stage, stage, tags, routes, authorizers);
        }
        return new DesiredApp(service, stage, region, account, partition, tags, List.copyOf(roles.values()),
                functions, api, List.copyOf(topics.values()), queues, config.lambda().logRetentionDays());
    }

    /** A subscriber's queue is named after its function; a function subscribed to several topics gets one per topic. */
    private static String queueName(String lambdaName, String topic, Manifest manifest) {
        long subscriptions = manifest.topics().stream()
                .flatMap(t -> t.subscribers().stream())
                .filter(s -> manifest.function(s.function()).lambdaName().equals(lambdaName))
                .count();
        String base = subscriptions <= 1 ? lambdaName : Naming.lambdaFunctionName(lambdaName, topic);
        return base.length() > 70 ? base.substring(0, 61) + "-" + Naming.sha256Hex(base).substring(0, 8) : base;
    }

    /** {@code {service}-role-{hash of the permission set}}: stable across deploys, shared by equal permission sets. */
    public static String roleName(String service, String inlinePolicy) {
        String hash = Naming.sha256Hex(inlinePolicy == null ? "basic" : inlinePolicy).substring(0, 10);
        return service + "-role-" + hash;
    }

    public static String rolePrefix(String service) {
        return service + "-role-";
    }
}
