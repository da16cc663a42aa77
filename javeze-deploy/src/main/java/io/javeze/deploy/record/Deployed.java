package io.javeze.deploy.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's {@code deployed} object: where the service was deployed and every id and ARN created, so a
 * later deploy finds them directly and an interrupted one resumes. Maps are keyed by the app's names.
 *
 * The manifest holds one per stage ({@code deployed.stages.<stage>}).
 *
 * @param apiEndpoint the API's base endpoint as API Gateway reports it; {@code apiUrl} adds the stage
 * @param functions   Lambda function name → the stage's alias ARN
 * @param queues      subscriber function → its queue and dead-letter queue
 * @param current     id of the deploy (in {@code history}) the stage serves now; rollback moves it back
 * @param history     the stage's deploys, oldest first: which version of each function each one served
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Deployed(
        int schema,
        String region,
        String account,
        String stage,
        String apiId,
        String apiEndpoint,
        String apiUrl,
        Map<String, String> roles,
        Map<String, String> functions,
        Map<String, String> integrations,
        Map<String, String> authorizers,
        Map<String, String> routes,
        Map<String, String> topics,
        Map<String, QueueRecord> queues,
        Map<String, String> subscriptions,
        Map<String, String> eventSourceMappings,
        Integer current,
        List<DeployRecord> history) {

    public static final int SCHEMA = 2;
    /** How many deploys the history keeps: older ones' versions are pruned anyway ({@code keep_versions}). */
    public static final int HISTORY_LIMIT = 20;

    public Deployed {
        roles = sorted(roles);
        functions = sorted(functions);
        integrations = sorted(integrations);
        authorizers = sorted(authorizers);
        routes = sorted(routes);
        topics = sorted(topics);
        queues = sorted(queues);
        subscriptions = sorted(subscriptions);
        eventSourceMappings = sorted(eventSourceMappings);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static Deployed empty() {
        return new Deployed(SCHEMA, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** One deploy of the stage: when, and the version of each function its alias served. */
    public record DeployRecord(int id, String time, Map<String, String> versions) {
        public DeployRecord {
            versions = sorted(versions);
        }
    }

    public Deployed withHistory(Integer current, List<DeployRecord> history) {
        return new Deployed(schema, region, account, stage, apiId, apiEndpoint, apiUrl, roles, functions, integrations,
                authorizers, routes, topics, queues, subscriptions, eventSourceMappings, current, history);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? new TreeMap<>() : new TreeMap<>(m);
    }

    public record QueueRecord(String url, String arn, String dlqUrl, String dlqArn) {}
}
