package io.javeze.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.http.AwsCall;
import io.javeze.local.http.IamActions.ActionOnResource;
import io.javeze.local.http.Protocol;
import io.javeze.local.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a policy must allow for each DynamoDB call: the action and the resource ARN, as IAM authorizes them. */
class DynamoDbIamActionsTest {
    static final String TABLE = "arn:aws:dynamodb:eu-west-1:000000000000:table/";

    @TempDir
    Path dir;

    private List<ActionOnResource> actions(String operation, String body) {
        try (StateStore store = new StateStore(dir)) {
            AwsCall call = new AwsCall("dynamodb", "eu-west-1", Protocol.AWS_JSON, operation, "POST", "/", Map.of(), Map.of(), Map.of(),
                    Map.of(), body.getBytes(StandardCharsets.UTF_8), "req");
            return new DynamoDbService(store, "eu-west-1").iamActions(call);
        }
    }

    @Test
    void itemCallsNameTheTableAndIndexReadsTheIndex() {
        assertThat(actions("GetItem", "{\"TableName\":\"orders\",\"Key\":{}}"))
                .containsExactly(new ActionOnResource("dynamodb:GetItem", TABLE + "orders"));
        assertThat(actions("Query", "{\"TableName\":\"orders\",\"IndexName\":\"byState\"}"))
                .containsExactly(new ActionOnResource("dynamodb:Query", TABLE + "orders/index/byState"));
        assertThat(actions("PutItem", "{\"TableName\":\"" + TABLE + "orders\"}"))
                .containsExactly(new ActionOnResource("dynamodb:PutItem", TABLE + "orders"));
        assertThat(actions("ListTables", "{}")).containsExactly(new ActionOnResource("dynamodb:ListTables", "*"));
    }

    @Test
    void batchesAndTransactionsNameEveryTableWithEachActionsOwnPermission() {
        assertThat(actions("BatchWriteItem", "{\"RequestItems\":{\"a\":[],\"b\":[]}}")).containsExactly(
                new ActionOnResource("dynamodb:BatchWriteItem", TABLE + "a"), new ActionOnResource("dynamodb:BatchWriteItem", TABLE + "b"));
        assertThat(actions("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"a\"}},"
                + "{\"ConditionCheck\":{\"TableName\":\"b\"}},{\"Update\":{\"TableName\":\"a\"}}]}")).containsExactly(
                new ActionOnResource("dynamodb:PutItem", TABLE + "a"), new ActionOnResource("dynamodb:ConditionCheckItem", TABLE + "b"),
                new ActionOnResource("dynamodb:UpdateItem", TABLE + "a"));
    }
}
