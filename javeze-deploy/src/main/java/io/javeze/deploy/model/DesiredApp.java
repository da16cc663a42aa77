package io.javeze.deploy.model;

import io.javeze.build.permissions.FunctionGrants;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a service should have deployed, derived from the manifest, javeze.toml and the package index.
 * A {@code null} api means the app has no routes (or, for remove, that nothing should exist).
 */
public record DesiredApp(
        String service,
        String stage,
        String region,
        String account,
        String partition,
        Map<String, String> tags,
        List<RoleTarget> roles,
        List<FunctionTarget> functions,
        ApiTarget api,
        List<TopicTarget> topics,
        List<QueueTarget> queues,
        Integer logRetentionDays,
        int keepVersions,
        List<ScheduleTarget> schedules,
        List<FunctionGrants.Result> grants) {

    public DesiredApp {
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        grants = grants == null ? List.of() : List.copyOf(grants);
        tags = Map.copyOf(tags);
        roles = List.copyOf(roles);
        functions = List.copyOf(functions);
        topics = List.copyOf(topics);
        queues = List.copyOf(queues);
    }

    /** An app without schedules whose functions need nothing beyond logging, topics and their queues. */
    public DesiredApp(String service, String stage, String region, String account, String partition, Map<String, String> tags,
                      List<RoleTarget> roles, List<FunctionTarget> functions, ApiTarget api, List<TopicTarget> topics,
                      List<QueueTarget> queues, Integer logRetentionDays, int keepVersions) {
        this(service, stage, region, account, partition, tags, roles, functions, api, topics, queues, logRetentionDays,
                keepVersions, List.of(), List.of());
    }

    /** The call sites no statement grants, one line each, for deploy's warnings. */
    public List<String> permissionWarnings() {
        return grants.stream().flatMap(g -> g.warnings().stream()).toList();
    }

    /** What remove reconciles against: the service's identity and nothing else. */
    public static DesiredApp nothing(String service, String stage, String region, String account, String partition) {
        return new DesiredApp(service, stage, region, account, partition, Map.of(), List.of(), List.of(), null,
                List.of(), List.of(), null, 0);
    }

    /** The app with each function's dependency layer resolved to its existing version, where one holds its digest. */
    public DesiredApp withLayerArns(Map<String, String> arnByDigest) {
        List<FunctionTarget> resolved = functions.stream()
                .map(f -> f.layer() == null ? f : f.withLayer(f.layer().withArn(arnByDigest.get(f.layer().digest())))).toList();
        return new DesiredApp(service, stage, region, account, partition, tags, roles, resolved, api, topics, queues,
                logRetentionDays, keepVersions, schedules, grants);
    }

    /** The distinct dependency layers the functions need, by digest. */
    public Map<String, LayerTarget> layers() {
        Map<String, LayerTarget> out = new java.util.TreeMap<>();
        functions.forEach(f -> {
            if (f.layer() != null) out.putIfAbsent(f.layer().digest(), f.layer());
        });
        return out;
    }

    /** The stage's alias of a function: what its API integrations, permissions and event source mappings target. */
    public String aliasArn(String lambdaName) {
        return new io.javeze.deploy.aws.Arns(partition, region, account).function(lambdaName) + ":" + stage;
    }

    public Optional<FunctionTarget> function(String appName) {
        return functions.stream().filter(f -> f.name().equals(appName)).findFirst();
    }

    public FunctionTarget requireFunction(String appName) {
        return function(appName).orElseThrow(() -> new IllegalStateException("no function " + appName));
    }

    public FunctionTarget requireFunctionByLambdaName(String lambdaName) {
        return functionByLambdaName(lambdaName).orElseThrow(() -> new IllegalStateException("no function " + lambdaName));
    }

    public Optional<FunctionTarget> functionByLambdaName(String lambdaName) {
        return functions.stream().filter(f -> f.lambdaName().equals(lambdaName)).findFirst();
    }
}
