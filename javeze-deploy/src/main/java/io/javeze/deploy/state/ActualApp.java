package io.javeze.deploy.state;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What exists now, read from AWS: the service's resources found by recorded ids, by name and by ownership tags.
 * Only resources proven to be this service's (by name derived from it and by tag) are listed as candidates for deletion.
 */
public record ActualApp(
        Map<String, Role> roles,
        Map<String, Function> functions,
        Api api,
        Map<String, Topic> topics,
        Map<String, Queue> queues,
        Map<String, LogGroup> logGroups) {

    public ActualApp {
        roles = Map.copyOf(roles);
        functions = Map.copyOf(functions);
        topics = Map.copyOf(topics);
        queues = Map.copyOf(queues);
        logGroups = Map.copyOf(logGroups);
    }

    public static ActualApp empty() {
        return new ActualApp(Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of());
    }

    /** @param owned whether it carries this service's ownership tag (only owned roles are ever deleted) */
    public record Role(String name, String arn, Set<String> attachedPolicies, Map<String, String> inlinePolicies, boolean owned) {
        public Role {
            attachedPolicies = Set.copyOf(attachedPolicies);
            inlinePolicies = Map.copyOf(inlinePolicies);
        }
    }

    /**
     * @param permissions statement id → SourceArn of the resource policy's statements
     * @param mappings    the function's event source mappings
     */
    public record Function(
            String name,
            String arn,
            String runtime,
            String handler,
            int memorySize,
            int timeout,
            String role,
            List<String> architectures,
            Map<String, String> environment,
            Map<String, String> tags,
            String codeSha256,
            String state,
            String lastUpdateStatus,
            Map<String, String> permissions,
            List<Mapping> mappings) {

        public Function {
            architectures = List.copyOf(architectures);
            environment = Map.copyOf(environment);
            tags = Map.copyOf(tags);
            permissions = Map.copyOf(permissions);
            mappings = List.copyOf(mappings);
        }
    }

    public record Mapping(String uuid, String eventSourceArn, int batchSize, List<String> functionResponseTypes, String state) {
        public Mapping {
            functionResponseTypes = List.copyOf(functionResponseTypes);
        }
    }

    public record Api(String id, String endpoint, Map<String, String> tags, Map<String, Route> routes,
                      List<Integration> integrations, Map<String, Authorizer> authorizers, Map<String, Boolean> stages) {
        public Api {
            tags = Map.copyOf(tags);
            routes = Map.copyOf(routes);
            integrations = List.copyOf(integrations);
            authorizers = Map.copyOf(authorizers);
            stages = Map.copyOf(stages);
        }
    }

    public record Route(String id, String routeKey, String target, String authorizationType, String authorizerId) {}

    public record Integration(String id, String type, String uri, String payloadFormatVersion) {}

    public record Authorizer(String id, String name, String type, String uri, List<String> identitySources,
                             int resultTtlSeconds, boolean simpleResponses, String payloadFormatVersion) {
        public Authorizer {
            identitySources = List.copyOf(identitySources);
        }
    }

    /** @param subscriptions subscription ARN → endpoint (for sqs, the queue ARN) */
    public record Topic(String snsName, String arn, boolean owned, Map<String, String> subscriptions) {
        public Topic {
            subscriptions = Map.copyOf(subscriptions);
        }
    }

    public record Queue(String name, String url, String arn, Map<String, String> attributes, boolean owned) {
        public Queue {
            attributes = Map.copyOf(attributes);
        }
    }

    public record LogGroup(String name, Integer retentionDays) {}
}
