package io.javeze.deploy.plan;

import io.javeze.deploy.model.ApiTarget.AuthorizerTarget;
import io.javeze.deploy.model.ApiTarget.RouteTarget;
import io.javeze.deploy.model.ApiTarget;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.LayerTarget;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.model.ScheduleTarget;
import io.javeze.deploy.model.TopicTarget;
import java.util.Map;
import java.util.Set;

/** One change the executor makes. Ids known at planning time are embedded; ids of things created in the same run are resolved when it runs. */
public sealed interface Action {

    /** A short human description for the plan and progress output. */
    String describe();

    /** Whether it creates, updates or deletes; a plan of only {@code NONE} is impossible by construction. */
    Kind kind();

    enum Kind { CREATE, UPDATE, DELETE }

    // --- IAM
    record CreateRole(RoleTarget role) implements Action {
        public String describe() { return "create role " + role.name(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateRolePolicies(RoleTarget role, boolean attachBasic, boolean putInline, Set<String> deleteInline) implements Action {
        public String describe() { return "update role " + role.name() + " permissions"; }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteRole(String name, Set<String> attachedPolicies, Set<String> inlinePolicies) implements Action {
        public String describe() { return "delete role " + name; }
        public Kind kind() { return Kind.DELETE; }
    }

    // --- Lambda
    record CreateFunction(FunctionTarget function) implements Action {
        public String describe() { return "create function " + function.lambdaName(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateFunctionCode(FunctionTarget function) implements Action {
        public String describe() { return "update code of function " + function.lambdaName(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record UpdateFunctionConfiguration(FunctionTarget function) implements Action {
        public String describe() { return "update configuration of function " + function.lambdaName(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    /** Publishes the dependency layer holding this digest (unless a version with it appeared meanwhile). */
    record PublishLayer(LayerTarget layer) implements Action {
        public String describe() { return "publish dependency layer " + layer.layerName() + " (sha256 " + layer.digest().substring(0, 12) + ")"; }
        public Kind kind() { return Kind.CREATE; }
    }

    /** Deletes a layer version no function version or $LATEST of the service uses any more. */
    record DeleteLayerVersion(String layerName, long number) implements Action {
        public String describe() { return "delete dependency layer " + layerName + " version " + number; }
        public Kind kind() { return Kind.DELETE; }
    }

    record TagFunction(String lambdaName, Map<String, String> set, Set<String> remove) implements Action {
        public String describe() { return "update tags of function " + lambdaName; }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteFunction(String lambdaName) implements Action {
        public String describe() { return "delete function " + lambdaName; }
        public Kind kind() { return Kind.DELETE; }
    }

    /**
     * Lets the stage's API invoke the stage's alias ({@code qualifier}): for a route ({@code method}, {@code path}) or
     * an authorizer ({@code authorizer}).
     */
    record AddPermission(String lambdaName, String qualifier, String statementId, String method, String path, String authorizer,
                         boolean replace) implements Action {
        public String describe() {
            return (replace ? "replace" : "add") + " invoke permission on " + lambdaName + ":" + qualifier + " for "
                    + (authorizer != null ? "authorizer " + authorizer : method + " " + path);
        }
        public Kind kind() { return replace ? Kind.UPDATE : Kind.CREATE; }
    }

    /** @param qualifier the alias whose policy holds the statement, null for the unqualified function (legacy statements) */
    record RemovePermission(String lambdaName, String qualifier, String statementId) implements Action {
        public String describe() {
            return "remove invoke permission " + statementId + " from " + lambdaName + (qualifier == null ? "" : ":" + qualifier);
        }
        public Kind kind() { return Kind.DELETE; }
    }

    /** Publishes $LATEST as a new version for the stage, refusing if $LATEST is not exactly {@code function}. */
    record PublishVersion(FunctionTarget function, String stage) implements Action {
        public String describe() { return "publish version of function " + function.lambdaName() + " for stage " + stage; }
        public Kind kind() { return Kind.CREATE; }
    }

    /**
     * Uploads the code and publishes it as the stage's version in one call (UpdateFunctionCode with Publish), only if
     * $LATEST is still at {@code revisionId}: the revision whose configuration the plan found already wanted.
     */
    record PublishCode(FunctionTarget function, String stage, String revisionId) implements Action {
        public String describe() { return "update code of function " + function.lambdaName() + " and publish it as a version for stage " + stage; }
        public Kind kind() { return Kind.CREATE; }
    }

    /** Points the stage's alias at {@code version}, or (null) at the version this deploy publishes. */
    record SetAlias(String lambdaName, String stage, String version, boolean create) implements Action {
        public String describe() {
            return (create ? "create" : "move") + " alias " + lambdaName + ":" + stage + " to "
                    + (version == null ? "the new version" : "version " + version);
        }
        public Kind kind() { return create ? Kind.CREATE : Kind.UPDATE; }
    }

    record DeleteAlias(String lambdaName, String stage) implements Action {
        public String describe() { return "delete alias " + lambdaName + ":" + stage; }
        public Kind kind() { return Kind.DELETE; }
    }

    record DeleteVersion(String lambdaName, String version) implements Action {
        public String describe() { return "delete version " + version + " of function " + lambdaName; }
        public Kind kind() { return Kind.DELETE; }
    }

    record CreateMapping(QueueTarget queue) implements Action {
        public String describe() { return "create event source mapping " + queue.queueName() + " -> " + queue.lambdaName(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateMapping(String uuid, QueueTarget queue) implements Action {
        public String describe() { return "update event source mapping " + queue.queueName() + " -> " + queue.lambdaName(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteMapping(String uuid, String lambdaName, String eventSourceArn) implements Action {
        public String describe() { return "delete event source mapping " + eventSourceArn + " -> " + lambdaName; }
        public Kind kind() { return Kind.DELETE; }
    }

    record SetLogRetention(String logGroup, int days, boolean create) implements Action {
        public String describe() { return "set retention of " + logGroup + " to " + days + " days"; }
        public Kind kind() { return create ? Kind.CREATE : Kind.UPDATE; }
    }

    record DeleteLogGroup(String logGroup) implements Action {
        public String describe() { return "delete log group " + logGroup; }
        public Kind kind() { return Kind.DELETE; }
    }

    // --- API Gateway
    record CreateApi(ApiTarget api) implements Action {
        public String describe() { return "create HTTP API " + api.name() + (api.cors() == null ? "" : " with CORS (" + CorsText.of(api.cors()) + ")"); }
        public Kind kind() { return Kind.CREATE; }
    }

    /** @param cors the API's CORS configuration, or null to remove it */
    record UpdateApiCors(String apiId, io.javeze.config.HttpCors cors) implements Action {
        public String describe() {
            return cors == null ? "remove the CORS configuration of HTTP API " + apiId
                    : "set the CORS configuration of HTTP API " + apiId + " (" + CorsText.of(cors) + ")";
        }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteApi(String apiId) implements Action {
        public String describe() { return "delete HTTP API " + apiId + " with its routes, integrations, authorizers and stages"; }
        public Kind kind() { return Kind.DELETE; }
    }

    record CreateIntegration(String function) implements Action {
        public String describe() { return "create integration for " + function; }
        public Kind kind() { return Kind.CREATE; }
    }

    record DeleteIntegration(String integrationId) implements Action {
        public String describe() { return "delete integration " + integrationId; }
        public Kind kind() { return Kind.DELETE; }
    }

    record CreateAuthorizer(AuthorizerTarget authorizer) implements Action {
        public String describe() { return "create authorizer " + authorizer.name(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateAuthorizer(String authorizerId, AuthorizerTarget authorizer) implements Action {
        public String describe() { return "update authorizer " + authorizer.name(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteAuthorizer(String authorizerId, String name) implements Action {
        public String describe() { return "delete authorizer " + name; }
        public Kind kind() { return Kind.DELETE; }
    }

    record CreateRoute(RouteTarget route) implements Action {
        public String describe() { return "create route " + route.routeKey(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateRoute(String routeId, RouteTarget route) implements Action {
        public String describe() { return "update route " + route.routeKey(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteRoute(String routeId, String routeKey) implements Action {
        public String describe() { return "delete route " + routeKey; }
        public Kind kind() { return Kind.DELETE; }
    }

    record CreateStage(String stage) implements Action {
        public String describe() { return "create stage " + stage + " (auto-deploy)"; }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateStage(String stage) implements Action {
        public String describe() { return "turn on auto-deploy of stage " + stage; }
        public Kind kind() { return Kind.UPDATE; }
    }

    // --- EventBridge Scheduler
    /** Creates the schedule's execution role (trusting Scheduler) with its invoke policy, or completes one an interrupted run left. */
    record CreateScheduleRole(ScheduleTarget schedule) implements Action {
        public String describe() { return "create role " + schedule.roleName() + " (Scheduler may invoke " + schedule.targetArn() + ")"; }
        public Kind kind() { return Kind.CREATE; }
    }

    /** Puts the invoke policy; removes policies javeze did not put there. */
    record UpdateScheduleRole(ScheduleTarget schedule, Set<String> deleteInline, Set<String> detach) implements Action {
        public String describe() { return "update role " + schedule.roleName() + " (Scheduler may invoke " + schedule.targetArn() + ")"; }
        public Kind kind() { return Kind.UPDATE; }
    }

    record CreateSchedule(ScheduleTarget schedule) implements Action {
        public String describe() { return "create schedule " + schedule.name() + " " + text(schedule) + " -> " + schedule.targetArn(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateSchedule(ScheduleTarget schedule) implements Action {
        public String describe() { return "update schedule " + schedule.name() + " " + text(schedule) + " -> " + schedule.targetArn(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteSchedule(String name) implements Action {
        public String describe() { return "delete schedule " + name; }
        public Kind kind() { return Kind.DELETE; }
    }

    private static String text(ScheduleTarget s) {
        return s.expression() + (s.timezone() == null ? "" : " (" + s.timezone() + ")");
    }

    // --- SNS / SQS
    record CreateTopic(TopicTarget topic) implements Action {
        public String describe() { return "create topic " + topic.snsName(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record DeleteTopic(String arn) implements Action {
        public String describe() { return "delete topic " + arn; }
        public Kind kind() { return Kind.DELETE; }
    }

    /** Creates the dead-letter queue and the queue (both idempotent by name). */
    record CreateQueues(QueueTarget queue) implements Action {
        public String describe() { return "create queue " + queue.queueName() + " with dead-letter queue " + queue.dlqName(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record UpdateQueue(String url, QueueTarget queue) implements Action {
        public String describe() { return "update attributes of queue " + queue.queueName(); }
        public Kind kind() { return Kind.UPDATE; }
    }

    record DeleteQueue(String name, String url) implements Action {
        public String describe() { return "delete queue " + name; }
        public Kind kind() { return Kind.DELETE; }
    }

    record Subscribe(QueueTarget queue) implements Action {
        public String describe() { return "subscribe " + queue.queueName() + " to " + queue.topicArn(); }
        public Kind kind() { return Kind.CREATE; }
    }

    record Unsubscribe(String subscriptionArn) implements Action {
        public String describe() { return "unsubscribe " + subscriptionArn; }
        public Kind kind() { return Kind.DELETE; }
    }
}
