package io.javeze.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.local.iam.PolicyEvaluator.Decision;
import io.javeze.local.iam.PolicyEvaluator.Principal;
import io.javeze.local.iam.PolicyEvaluator.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
    static final String ROLE = "arn:aws:iam::000000000000:role/orders-fn";

    static JsonNode policy(String statements) throws Exception {
        return JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements.replace('\'', '"') + "]}");
    }

    static Decision identity(String action, String resource, Map<String, List<String>> context, String... statements) throws Exception {
        List<JsonNode> policies = new java.util.ArrayList<>();
        for (String s : statements) {
            policies.add(policy(s));
        }
        return PolicyEvaluator.identity(policies, new Request(action, resource, context));
    }

    static Decision identity(String action, String resource, String... statements) throws Exception {
        return identity(action, resource, Map.of(), statements);
    }

    @Test
    void anExplicitDenyWinsOverAnyAllowInAnyPolicy() throws Exception {
        String allowAll = "{'Effect':'Allow','Action':'*','Resource':'*'}";
        String denyPublish = "{'Effect':'Deny','Action':'sns:Publish','Resource':'" + TOPIC + "'}";
        assertThat(identity("sns:Publish", TOPIC, allowAll)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sns:Publish", TOPIC, allowAll, denyPublish)).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC, denyPublish, allowAll)).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC)).as("no policy: implicitly denied").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC + "-2", allowAll, denyPublish)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void actionsMatchWildcardsIgnoringCaseResourcesWildcardsWithCase() throws Exception {
        String statement = "{'Effect':'Allow','Action':['SNS:pub*','sqs:?eleteMessage'],"
                + "'Resource':['arn:aws:sns:*:000000000000:ord?rs','arn:aws:sqs:us-east-1:000000000000:jobs-*']}";
        assertThat(identity("sns:Publish", TOPIC, statement)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sns:Subscribe", TOPIC, statement)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sqs:DeleteMessage", "arn:aws:sqs:us-east-1:000000000000:jobs-eu", statement)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sqs:DeleteMessageBatchX", "arn:aws:sqs:us-east-1:000000000000:jobs-eu", statement))
                .as("? is exactly one character").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sns:Publish", "arn:aws:sns:us-east-1:000000000000:ORDERS", statement))
                .as("resources keep their case").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC, "{'Effect':'Allow','Action':'sns:Publish'}"))
                .as("an identity statement without Resource grants nothing").isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void notActionAndNotResourceMatchEverythingElse() throws Exception {
        String powerUser = "{'Effect':'Allow','NotAction':['iam:*','organizations:*'],'Resource':'*'}";
        assertThat(identity("sns:Publish", TOPIC, powerUser)).isEqualTo(Decision.ALLOW);
        assertThat(identity("iam:PutRolePolicy", ROLE, powerUser)).isEqualTo(Decision.IMPLICIT_DENY);
        String allButOrders = "{'Effect':'Allow','Action':'sns:Publish','NotResource':'" + TOPIC + "'}";
        assertThat(identity("sns:Publish", TOPIC + "-audit", allButOrders)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sns:Publish", TOPIC, allButOrders)).isEqualTo(Decision.IMPLICIT_DENY);
        String denyOutsideEu = "{'Effect':'Deny','NotAction':'sns:Publish','NotResource':'arn:aws:sns:eu-*'}";
        assertThat(identity("sns:Subscribe", TOPIC, "{'Effect':'Allow','Action':'*','Resource':'*'}", denyOutsideEu))
                .isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void conditionsMustAllHoldAndMissingKeysFollowIam() throws Exception {
        String tagged = "{'Effect':'Allow','Action':'sns:Publish','Resource':'*',"
                + "'Condition':{'StringEquals':{'aws:PrincipalTag/team':'shop'},'StringLike':{'aws:RequestedRegion':'us-*'}}}";
        Map<String, List<String>> shopInUs = Map.of("aws:principaltag/team", List.of("shop"), "aws:requestedregion", List.of("us-east-1"));
        assertThat(identity("sns:Publish", TOPIC, shopInUs, tagged)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sns:Publish", TOPIC, Map.of("aws:principaltag/team", List.of("shop"),
                "aws:requestedregion", List.of("eu-west-1")), tagged)).as("every operator must hold").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC, Map.of("aws:requestedregion", List.of("us-east-1")), tagged))
                .as("a missing key fails a positive operator").isEqualTo(Decision.IMPLICIT_DENY);

        String ifExists = "{'Effect':'Allow','Action':'s3:ListBucket','Resource':'*','Condition':{'StringLikeIfExists':{'s3:prefix':'home/*'}}}";
        assertThat(identity("s3:ListBucket", "arn:aws:s3:::b", Map.of(), ifExists)).isEqualTo(Decision.ALLOW);
        assertThat(identity("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", List.of("home/ada/")), ifExists)).isEqualTo(Decision.ALLOW);
        assertThat(identity("s3:ListBucket", "arn:aws:s3:::b", Map.of("s3:prefix", List.of("etc/")), ifExists)).isEqualTo(Decision.IMPLICIT_DENY);

        String denyUnlessSource = "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'ArnNotLike':{'lambda:SourceFunctionArn':"
                + "'arn:aws:lambda:*:000000000000:function:shop-*'}}}";
        String allowAll = "{'Effect':'Allow','Action':'*','Resource':'*'}";
        assertThat(identity("sns:Publish", TOPIC, Map.of("lambda:sourcefunctionarn",
                List.of("arn:aws:lambda:us-east-1:000000000000:function:shop-orders")), allowAll, denyUnlessSource)).isEqualTo(Decision.ALLOW);
        assertThat(identity("sns:Publish", TOPIC, Map.of("lambda:sourcefunctionarn",
                List.of("arn:aws:lambda:us-east-1:000000000000:function:other")), allowAll, denyUnlessSource)).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC, Map.of(), allowAll, denyUnlessSource))
                .as("a negated operator holds when the key is missing").isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void setQualifiersCompareEveryValue() throws Exception {
        String anyValue = "{'Effect':'Allow','Action':'dynamodb:GetItem','Resource':'*',"
                + "'Condition':{'ForAnyValue:StringEquals':{'dynamodb:Attributes':['id','name']}}}";
        String allValues = "{'Effect':'Allow','Action':'dynamodb:GetItem','Resource':'*',"
                + "'Condition':{'ForAllValues:StringEquals':{'dynamodb:Attributes':['id','name']}}}";
        Map<String, List<String>> idAndSecret = Map.of("dynamodb:attributes", List.of("id", "secret"));
        Map<String, List<String>> idAndName = Map.of("dynamodb:attributes", List.of("id", "name"));
        assertThat(identity("dynamodb:GetItem", "t", idAndSecret, anyValue)).isEqualTo(Decision.ALLOW);
        assertThat(identity("dynamodb:GetItem", "t", idAndSecret, allValues)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("dynamodb:GetItem", "t", idAndName, allValues)).isEqualTo(Decision.ALLOW);
        assertThat(identity("dynamodb:GetItem", "t", Map.of(), allValues)).as("ForAllValues holds for no values").isEqualTo(Decision.ALLOW);
        assertThat(identity("dynamodb:GetItem", "t", Map.of(), anyValue)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void anOperatorTheLocalCloudDoesNotKnowFailsClosed() throws Exception {
        String allowFromIp = "{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}}";
        String denyFromIp = "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'NotIpAddress':{'aws:SourceIp':'10.0.0.0/8'}}}";
        String allowAll = "{'Effect':'Allow','Action':'*','Resource':'*'}";
        assertThat(identity("sns:Publish", TOPIC, allowFromIp)).as("its Allow does not apply").isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(identity("sns:Publish", TOPIC, allowAll, denyFromIp)).as("its Deny does").isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void resourcePoliciesNameThePrincipal() throws Exception {
        JsonNode queuePolicy = policy("{'Effect':'Allow','Principal':{'Service':'sns.amazonaws.com'},'Action':'sqs:SendMessage',"
                + "'Resource':'arn:aws:sqs:us-east-1:000000000000:jobs','Condition':{'ArnEquals':{'aws:SourceArn':'" + TOPIC + "'}}},"
                + "{'Effect':'Allow','Principal':{'AWS':'" + ROLE + "'},'Action':'sqs:*','Resource':'*'}");
        Request fromTopic = new Request("sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:jobs",
                Map.of("aws:sourcearn", List.of(TOPIC)));
        Request fromOtherTopic = new Request("sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:jobs",
                Map.of("aws:sourcearn", List.of(TOPIC + "-2")));
        assertThat(PolicyEvaluator.resource(queuePolicy, Principal.service("sns.amazonaws.com"), fromTopic)).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.resource(queuePolicy, Principal.service("sns.amazonaws.com"), fromOtherTopic))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.resource(queuePolicy, new Principal("AWS", List.of(ROLE)), fromOtherTopic)).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEvaluator.resource(queuePolicy, new Principal("AWS", List.of("arn:aws:iam::000000000000:role/other")),
                fromTopic)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEvaluator.resource(null, Principal.service("sns.amazonaws.com"), fromTopic)).isEqualTo(Decision.IMPLICIT_DENY);
    }
}
