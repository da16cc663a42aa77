package io.javeze.deploy.plan;

/** Step keys, so dependencies between features are spelled once. */
final class Keys {
    static final String API = "api";
    static final String STAGE = "stage";
    static final String DELETE_API = "delete-api";
    static final String API_CORS = "api-cors";
    /** Every kind of step key: what each action produces and others consume. A reference to anything else is a bug. */
    static final java.util.Set<String> KINDS = java.util.Set.of("role", "delete-role", "function", "function-code",
            "function-config", "function-tags", "delete-function", "version", "alias", "delete-alias", "delete-version",
            "permission", "remove-permission", "integration", "delete-integration", "authorizer", "delete-authorizer", "route",
            "delete-route", "topic", "delete-topic", "queue", "delete-queue", "subscription", "unsubscribe", "mapping",
            "delete-mapping", "log-group", "delete-log-group", "layer", "delete-layer", "schedule-role", "schedule", "delete-schedule",
            API, STAGE, DELETE_API, API_CORS);
    private Keys() {}

    /** Whether a step key or dependency names a known kind ({@code kind:...}, a bare kind, or a {@code prefix*} of one). */
    static boolean known(String key) {
        if (key.endsWith("*")) {
            String prefix = key.substring(0, key.length() - 1);
            int colon = prefix.indexOf(':');
            return colon >= 0 ? KINDS.contains(prefix.substring(0, colon))
                    : KINDS.stream().anyMatch(k -> k.startsWith(prefix));
        }
        int colon = key.indexOf(':');
        return KINDS.contains(colon < 0 ? key : key.substring(0, colon));
    }

    static String role(String name) { return "role:" + name; }
    static String layer(String digest) { return "layer:" + digest.substring(0, 12); }
    static String deleteLayer(long number) { return "delete-layer:" + number; }
    static String deleteRole(String name) { return "delete-role:" + name; }
    static String function(String lambdaName) { return "function:" + lambdaName; }
    static String functionCode(String lambdaName) { return "function-code:" + lambdaName; }
    static String functionConfig(String lambdaName) { return "function-config:" + lambdaName; }
    static String functionTags(String lambdaName) { return "function-tags:" + lambdaName; }
    static String deleteFunction(String lambdaName) { return "delete-function:" + lambdaName; }
    static String version(String lambdaName) { return "version:" + lambdaName; }
    static String alias(String lambdaName) { return "alias:" + lambdaName; }
    static String deleteAlias(String lambdaName) { return "delete-alias:" + lambdaName; }
    static String deleteVersion(String lambdaName, String version) { return "delete-version:" + lambdaName + ":" + version; }
    static String permission(String lambdaName, String sid) { return "permission:" + lambdaName + ":" + sid; }
    static String removePermission(String lambdaName, String sid) { return "remove-permission:" + lambdaName + ":" + sid; }
    static String integration(String function) { return "integration:" + function; }
    static String deleteIntegration(String id) { return "delete-integration:" + id; }
    static String authorizer(String name) { return "authorizer:" + name; }
    static String deleteAuthorizer(String id) { return "delete-authorizer:" + id; }
    static String route(String routeKey) { return "route:" + routeKey; }
    static String deleteRoute(String routeKey) { return "delete-route:" + routeKey; }
    static String topic(String name) { return "topic:" + name; }
    static String deleteTopic(String arn) { return "delete-topic:" + arn; }
    static String queue(String function, String topic) { return "queue:" + function + ":" + topic; }
    static String deleteQueue(String name) { return "delete-queue:" + name; }
    static String subscription(String function, String topic) { return "subscription:" + function + ":" + topic; }
    static String unsubscribe(String arn) { return "unsubscribe:" + arn; }
    static String mapping(String function, String topic) { return "mapping:" + function + ":" + topic; }
    static String deleteMapping(String uuid) { return "delete-mapping:" + uuid; }
    static String scheduleRole(String function) { return "schedule-role:" + function; }
    static String schedule(String function) { return "schedule:" + function; }
    static String deleteSchedule(String name) { return "delete-schedule:" + name; }
    static String logGroup(String name) { return "log-group:" + name; }
    static String deleteLogGroup(String name) { return "delete-log-group:" + name; }
}
