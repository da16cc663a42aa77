package io.javeze.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.lambda.ExecutionRoles;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The IAM and SQS policy documents javeze writes, built deterministically so a redeploy can compare them. */
public final class Policies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Policies() {}

    public static String lambdaTrust() {
        return ExecutionRoles.TRUST_POLICY;
    }

    /** Least privilege: publish only to declared topics, read only the function's own queue; null if neither. */
    public static String executionInline(List<String> publishTopics, List<String> consumeQueues) {
        return executionInline(publishTopics, consumeQueues, List.of(), List.of());
    }

    /**
     * As above, plus reading the secrets its {@code [functions.NAME]} environment references (by ARN or ARN pattern),
     * plus the statements inferred from the function's SDK calls and declared in javeze.toml ({@link FunctionGrants}),
     * in their order; null when there is nothing to grant.
     */
    public static String executionInline(List<String> publishTopics, List<String> consumeQueues, List<String> secrets,
                                         List<FunctionGrants.Statement> grants) {
        if (publishTopics.isEmpty() && consumeQueues.isEmpty() && secrets.isEmpty() && grants.isEmpty()) return null;
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        if (!publishTopics.isEmpty()) {
            ObjectNode s = statements.addObject().put("Sid", "PublishDeclaredTopics").put("Effect", "Allow");
            s.putArray("Action").add("sns:Publish");
            ArrayNode res = s.putArray("Resource");
            publishTopics.forEach(res::add);
        }
        if (!consumeQueues.isEmpty()) {
            ObjectNode s = statements.addObject().put("Sid", "ConsumeOwnQueue").put("Effect", "Allow");
            ArrayNode actions = s.putArray("Action");
            for (String a : List.of("sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage")) {
                actions.add(a);
            }
            ArrayNode res = s.putArray("Resource");
            consumeQueues.forEach(res::add);
        }
        if (!secrets.isEmpty()) {
            ObjectNode s = statements.addObject().put("Sid", "ReadReferencedSecrets").put("Effect", "Allow");
            s.putArray("Action").add("secretsmanager:GetSecretValue");
            ArrayNode res = s.putArray("Resource");
            secrets.forEach(res::add);
        }
        for (FunctionGrants.Statement g : grants) {
            ObjectNode s = statements.addObject().put("Sid", g.sid()).put("Effect", g.effect());
            ArrayNode actions = s.putArray("Action");
            g.actions().forEach(actions::add);
            ArrayNode res = s.putArray("Resource");
            g.resources().forEach(res::add);
        }
        return doc.toString();
    }

    /**
     * Who may assume a schedule's execution role: EventBridge Scheduler, for schedules of this account's group only
     * (the confused-deputy conditions AWS documents).
     */
    public static String schedulerTrust(String account, String scheduleGroupArn) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject().put("Effect", "Allow");
        s.putObject("Principal").put("Service", "scheduler.amazonaws.com");
        s.put("Action", "sts:AssumeRole");
        ObjectNode condition = s.putObject("Condition");
        condition.putObject("StringEquals").put("aws:SourceAccount", account);
        condition.putObject("ArnEquals").put("aws:SourceArn", scheduleGroupArn);
        return doc.toString();
    }

    /** A schedule's execution role may invoke exactly its target, the function's stage alias. */
    public static String scheduleInvokes(String aliasArn) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject().put("Sid", "InvokeScheduledAlias").put("Effect", "Allow");
        s.put("Action", "lambda:InvokeFunction").put("Resource", aliasArn);
        return doc.toString();
    }

    /** Lets only the topic send to the queue (the {@code aws:SourceArn} condition). */
    public static String queueAcceptsTopic(String queueArn, String topicArn) {
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject()
                .put("Sid", "AllowTopic").put("Effect", "Allow");
        s.putObject("Principal").put("Service", "sns.amazonaws.com");
        s.put("Action", "sqs:SendMessage").put("Resource", queueArn);
        s.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", topicArn);
        return doc.toString();
    }

    /** Compares two policy documents as JSON, ignoring formatting; IAM returns them URL-encoded. */
    public static boolean samePolicy(String a, String b) {
        if (a == null || b == null) return a == b;
        return parse(a).equals(parse(b));
    }

    public static JsonNode parse(String policy) {
        String text = policy.trim();
        if (text.startsWith("%7B") || text.startsWith("%7b")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
