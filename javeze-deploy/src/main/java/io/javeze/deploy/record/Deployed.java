package io.javeze.deploy.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's {@code deployed} object: where the service was deployed and every id and ARN created, so a
 * later deploy finds them directly and an interrupted one resumes. Maps are keyed by the app's names.
 *
 * @param apiEndpoint the API's base endpoint as API Gateway reports it; {@code apiUrl} adds the stage
 * @param queues      subscriber function → its queue and dead-letter queue
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
        Map<String, String> eventSourceMappings) {

    public static final int SCHEMA = 1;

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
    }

    public static Deployed empty() {
        return new Deployed(SCHEMA, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? new TreeMap<>() : new TreeMap<>(m);
    }

    public record QueueRecord(String url, String arn, String dlqUrl, String dlqArn) {}
}
