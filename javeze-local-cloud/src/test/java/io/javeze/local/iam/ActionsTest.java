package io.javeze.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.http.AwsCall;
import io.javeze.local.http.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsTest {
    static final String ACCOUNT = "000000000000";

    static AwsCall call(String service, Protocol protocol, String operation, Map<String, String> path,
                        Map<String, List<String>> query, Map<String, String> params, String json) {
        return new AwsCall(service, "eu-west-1", protocol, operation, "POST", "/", path, query, Map.of(), params,
                json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8), "req", null);
    }

    static List<String> of(AwsCall call) {
        return Actions.of(call).stream().map(a -> a.action() + " " + a.resource()).toList();
    }

    @Test
    void iamNamesSomeOperationsOtherwise() {
        assertThat(of(call("s3", Protocol.REST_XML, "ListObjectsV2", Map.of("Bucket", "b"), Map.of("prefix", List.of("in/")), Map.of(), null)))
                .containsExactly("s3:ListBucket arn:aws:s3:::b");
        assertThat(Actions.of(call("s3", Protocol.REST_XML, "ListObjectsV2", Map.of("Bucket", "b"), Map.of("prefix", List.of("in/")),
                Map.of(), null)).get(0).context()).containsEntry("s3:prefix", List.of("in/"));
        assertThat(of(call("s3", Protocol.REST_XML, "HeadObject", Map.of("Bucket", "b", "Key", "in/a.txt"), Map.of(), Map.of(), null)))
                .containsExactly("s3:GetObject arn:aws:s3:::b/in/a.txt");
        assertThat(of(call("lambda", Protocol.REST_JSON, "Invoke", Map.of("FunctionName", "shop-place"),
                Map.of("Qualifier", List.of("prod")), Map.of(), null)))
                .containsExactly("lambda:InvokeFunction arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:shop-place:prod");
        assertThat(of(call("sqs", Protocol.QUERY, "SendMessageBatch", Map.of(), Map.of(),
                Map.of("QueueUrl", "http://127.0.0.1:4566/" + ACCOUNT + "/jobs"), null)))
                .containsExactly("sqs:SendMessage arn:aws:sqs:eu-west-1:" + ACCOUNT + ":jobs");
        assertThat(of(call("sqs", Protocol.AWS_JSON, "ReceiveMessage", Map.of(), Map.of(), Map.of(),
                "{\"QueueUrl\":\"http://127.0.0.1:4566/" + ACCOUNT + "/jobs\"}")))
                .containsExactly("sqs:ReceiveMessage arn:aws:sqs:eu-west-1:" + ACCOUNT + ":jobs");
        assertThat(of(call("sts", Protocol.QUERY, "GetCallerIdentity", Map.of(), Map.of(), Map.of(), null))).isEmpty();
        assertThat(of(call("logs", Protocol.AWS_JSON, "PutLogEvents", Map.of(), Map.of(), Map.of(),
                "{\"logGroupName\":\"/aws/lambda/f\",\"logStreamName\":\"s\"}")))
                .containsExactly("logs:PutLogEvents arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:/aws/lambda/f:log-stream:s");
    }

    @Test
    void aDynamoDbCallIsOneRequestPerTableAndIndex() {
        String tables = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/";
        assertThat(of(call("dynamodb", Protocol.AWS_JSON, "Query", Map.of(), Map.of(), Map.of(),
                "{\"TableName\":\"orders\",\"IndexName\":\"by-user\"}"))).containsExactly("dynamodb:Query " + tables + "orders/index/by-user");
        assertThat(of(call("dynamodb", Protocol.AWS_JSON, "BatchWriteItem", Map.of(), Map.of(), Map.of(),
                "{\"RequestItems\":{\"orders\":[],\"users\":[]}}")))
                .containsExactly("dynamodb:BatchWriteItem " + tables + "orders", "dynamodb:BatchWriteItem " + tables + "users");
        assertThat(of(call("dynamodb", Protocol.AWS_JSON, "TransactWriteItems", Map.of(), Map.of(), Map.of(),
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"orders\"}},{\"ConditionCheck\":{\"TableName\":\"users\"}}]}")))
                .containsExactly("dynamodb:PutItem " + tables + "orders", "dynamodb:ConditionCheckItem " + tables + "users");
    }
}
