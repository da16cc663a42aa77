package io.javeze.deploy.model;

import io.javeze.lambda.ExecutionRoles;
import java.util.List;
import java.util.Map;

/**
 * An execution role for every function with the same permission set: basic logging always, plus
 * {@code sns:Publish} on exactly the declared topics and read access to exactly the subscriber's own queue.
 *
 * @param name          IAM role name
 * @param publishTopics topic ARNs the functions may publish to, sorted
 * @param consumeQueues queue ARNs the functions may read, sorted
 * @param inlinePolicy  the inline policy document (JSON), or null when basic logging is all it needs
 */
public record RoleTarget(String name, List<String> publishTopics, List<String> consumeQueues, String inlinePolicy,
                         Map<String, String> tags) {
    public static final String INLINE_POLICY_NAME = "javeze-permissions";

    public RoleTarget {
        publishTopics = List.copyOf(publishTopics);
        consumeQueues = List.copyOf(consumeQueues);
        tags = Map.copyOf(tags);
    }

    public String basicPolicyArn(String partition) {
        return ExecutionRoles.basicPolicyArn(partition);
    }
}
