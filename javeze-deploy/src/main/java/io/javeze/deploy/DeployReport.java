package io.javeze.deploy;

import java.util.List;

/**
 * What a deploy or remove did (or, with dry run, would do).
 *
 * @param plan      the plan's lines ({@code + create ...}, {@code ~ update ...}, {@code - delete ...})
 * @param apiUrl    the API's endpoint plus stage, or null when the app has no routes
 * @param functions every function of the app (and every deleted one) with what happened to it
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
        List<FunctionResult> functions) {

    public DeployReport {
        plan = List.copyOf(plan);
        endpoints = List.copyOf(endpoints);
        functions = List.copyOf(functions);
    }

    public record Endpoint(String method, String path, String url) {}

    /** @param action created, updated, unchanged or deleted */
    public record FunctionResult(String name, String lambdaName, String arn, String action) {}
}
