package io.javeze.deploy;

import io.javeze.build.permissions.FunctionGrants;
import java.util.List;

/**
 * What a deploy or remove did (or, with dry run, would do).
 *
 * @param plan      the plan's lines ({@code + create ...}, {@code ~ update ...}, {@code - delete ...})
 * @param apiUrl    the API's endpoint plus stage, or null when the app has no routes
 * @param functions every function of the app (and every deleted one) with what happened to it
 * @param permissions per function, the statements granted beyond logging, topics and queues, each with the call sites
 *                  or javeze.toml lines it comes from
 * @param warnings  one line per AWS SDK call javeze could not scope to a declared resource (not granted)
 */
public record DeployReport(
        String service,
        String stage,
        String region,
        String account,
        boolean dryRun,
        List<String> plan,
        String apiId,
        String apiUrl,
        List<Endpoint> endpoints,
        List<FunctionResult> functions,
        List<FunctionGrants.Result> permissions,
        List<String> warnings) {

    public DeployReport {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        plan = List.copyOf(plan);
        endpoints = List.copyOf(endpoints);
        functions = List.copyOf(functions);
    }

    public DeployReport(String service, String stage, String region, String account, boolean dryRun, List<String> plan,
                        String apiId, String apiUrl, List<Endpoint> endpoints, List<FunctionResult> functions) {
        this(service, stage, region, account, dryRun, plan, apiId, apiUrl, endpoints, functions, List.of(), List.of());
    }

    public record Endpoint(String method, String path, String url) {}

    /** @param action created, updated, unchanged or deleted */
    public record FunctionResult(String name, String lambdaName, String arn, String action) {}
}
