package io.javeze.deploy.plan;

/** Step keys, so dependencies between features are spelled once. */
final class Keys {
    static final String API = "api";
    static final String STAGE = "stage";
    private Keys() {}

    static String role(String name) { return "role:" + name; }
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
    static String logGroup(String name) { return "log-group:" + name; }
    static String deleteLogGroup(String name) { return "delete-log-group:" + name; }
}
