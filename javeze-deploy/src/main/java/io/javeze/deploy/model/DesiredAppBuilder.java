package io.javeze.deploy.model;

import io.javeze.aws.Partitions;
import io.javeze.config.FunctionSettings;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.config.AppResource;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.lambda.FunctionDefinition;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.packages.PackageEntry;
import io.javeze.deploy.packages.Packages;
import io.javeze.lambda.DependencyLayers;
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
        Map<String, String> functionTags = OwnershipTags.shared(config.lambda().tags(), service);

        Map<String, TopicTarget> topics = new LinkedHashMap<>();
        for (TopicSpec t : manifest.topics()) {
            String snsName = Naming.stageScoped(service, stage, t.name());
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
                String queueName = queueName(service, stage, fn, t.name(), manifest);
                String dlqName = queueName + "-dlq";
                String queueArn = arns.queue(queueName);
                int visibility = Math.min(MAX_VISIBILITY, 6 * config.timeoutFor(fn.timeout()));
                queues.add(new QueueTarget(fn.name(), fn.lambdaName(), t.name(), topic.arn(), queueName, queueArn,
                        dlqName, arns.queue(dlqName), Math.max(1, s.maxReceiveCount()), Math.max(1, s.batchSize()),
                        visibility, Policies.queueAcceptsTopic(queueArn, topic.arn()), tags));
                consumed.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(queueArn);
            }
        }

        config.checkFunctionNames(manifest.functions().stream().map(FunctionSpec::name).toList());
        Map<String, RoleTarget> roles = new TreeMap<>();
        List<FunctionTarget> functions = new ArrayList<>();
        List<ScheduleTarget> schedules = new ArrayList<>();
        List<FunctionGrants.Result> grants = new ArrayList<>();
        for (FunctionSpec f : manifest.functions()) {
            FunctionSettings settings = config.settingsFor(f.name());
            List<String> secretArns = settings.secrets().values().stream()
                    .map(s -> s.resourceArn(partition, region, account)).sorted().distinct().toList();
            PackageEntry pkg = packages.apply(f.name());
            FunctionGrants.Result granted = FunctionGrants.of(f, pkg.awsCalls(), config.permissions(), partition, region, account);
            grants.add(granted);
            List<String> topicArns = published.getOrDefault(f.name(), List.of()).stream()
                    .map(name -> {
                        TopicTarget t = topics.get(name);
                        return t != null ? t.arn() : arns.topic(Naming.stageScoped(service, stage, name));
                    }).sorted().distinct().toList();
            List<String> queueArns = consumed.getOrDefault(f.name(), List.of()).stream().sorted().toList();
            String inline = Policies.executionInline(topicArns, queueArns, secretArns, granted.statements());
            String roleName = roleName(service, stage, inline);
            roles.computeIfAbsent(roleName, n -> new RoleTarget(n, topicArns, queueArns, inline, tags));

            Map<String, String> env = new TreeMap<>(config.lambda().functionEnvironment());
            for (String topic : published.getOrDefault(f.name(), List.of())) {
                String arn = topics.containsKey(topic) ? topics.get(topic).arn() : arns.topic(Naming.stageScoped(service, stage, topic));
                env.put(Naming.topicEnvVar(topic), arn);
            }
            for (String key : f.uses()) {
                AppResource resource = config.permissions().resources().get(key);
                env.put(resource.envVarName(), resource.name());
            }
            env.putAll(settings.environment());
            settings.secrets().forEach((variable, secret) -> env.put(variable, secret.id()));
            if (f.schedule() != null) schedules.add(schedule(service, stage, f, arns, tags));
            String arch = pkg.architecture() != null ? pkg.architecture() : config.lambda().architecture();
            boolean snapStart = config.snapStartFor(f.snapStart());
            if (snapStart && !FunctionDefinition.supportsSnapStart(config.lambda().runtime())) {
                throw new JavezeException("function " + f.name() + " (" + f.source() + "): snapStart = ON needs a Java 11+ managed"
                        + " runtime; javeze.toml's [lambda] runtime is " + config.lambda().runtime());
            }
            functions.add(new FunctionTarget(f.name(), f.lambdaName(), f.kind(), f.handler(), config.lambda().runtime(),
                    config.memoryFor(f.memorySize()), config.timeoutFor(f.timeout()), roleName, arch, env, functionTags,
                    pkg.codeSha256(), pkg.file(), pkg.sha256(), pkg.size(),
                    pkg.layer() == null ? null : pkg.layer().withName(DependencyLayers.layerName(service)), snapStart));
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
            api = new ApiTarget(service + "-" + stage, stage, tags, routes, authorizers, config.cors());
        }
        return new DesiredApp(service, stage, region, account, partition, tags, List.copyOf(roles.values()),
                functions, api, List.copyOf(topics.values()), queues, config.lambda().logRetentionDays(),
                config.deployment().keepVersions(), schedules, grants);
    }

    /** The function's schedule on the stage's alias, with a role that may invoke that alias only. */
    private static ScheduleTarget schedule(String service, String stage, FunctionSpec f, Arns arns, Map<String, String> tags) {
        String alias = arns.function(f.lambdaName(), stage);
        String roleName = Naming.stageScoped(service, stage, "schedule-" + f.name());
        return new ScheduleTarget(f.name(), f.lambdaName(), Naming.stageScoped(service, stage, f.name()), f.schedule().expression(),
                f.schedule().timezone(), alias, roleName, arns.role(roleName),
                Policies.schedulerTrust(arns.account(), arns.scheduleGroup(ScheduleTarget.GROUP)), Policies.scheduleInvokes(alias),
                ScheduleTarget.description(service, stage, f.name()), tags);
    }

    /**
     * A subscriber's queue is named after its stage and function ({@code {service}-{stage}-{function}}, at most 64
     * characters, so the dead-letter queue's {@code -dlq} stays within SQS's 80); a function subscribed to several
     * topics gets one per topic.
     */
    private static String queueName(String service, String stage, FunctionSpec fn, String topic, Manifest manifest) {
        long subscriptions = manifest.topics().stream()
                .flatMap(t -> t.subscribers().stream())
                .filter(s -> s.function().equals(fn.name()))
                .count();
        return Naming.stageScoped(service, stage, subscriptions <= 1 ? fn.name() : fn.name() + "-" + topic);
    }

    /**
     * {@code {service}-{stage}-role-{hash of the permission set}}: one per stage (the permissions name the stage's
     * topics and queues), stable across deploys, shared by equal permission sets, at most 64 characters.
     */
    public static String roleName(String service, String stage, String inlinePolicy) {
        String hash = Naming.sha256Hex(inlinePolicy == null ? "basic" : inlinePolicy).substring(0, 10);
        return Naming.stageScoped(service, stage, "role-" + hash);
    }

    /** Every role, topic and queue javeze names for the service starts with this, whatever the stage. */
    public static String servicePrefix(String service) {
        return service + "-";
    }
}
