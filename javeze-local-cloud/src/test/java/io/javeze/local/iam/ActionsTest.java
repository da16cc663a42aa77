package io.javeze.local.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.Json;
import io.javeze.local.http.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionsTest {
    static final String ACCOUNT = "000000000000";

    /** A call with its parsed input (members by their model name), as the wire protocols hand it to the authorizer. */
    static List<Actions.Access> accesses(String service, String operation, String input) {
        AwsCall call = new AwsCall(service, "eu-west-1", Protocol.AWS_JSON, operation, "POST", "/", Map.of(), "req", null);
        JsonNode in = Json.parse(input.getBytes(StandardCharsets.UTF_8));
        return Actions.of(call, in);
    }

    static List<String> of(String service, String operation, String input) {
        return accesses(service, operation, input).stream().map(a -> a.action() + " " + a.resource()).toList();
    }

    @Test
    void iamNamesSomeOperationsOtherwise() {
        assertThat(of("s3", "ListObjectsV2", "{\"Bucket\":\"b\",\"Prefix\":\"in/\"}")).containsExactly("s3:ListBucket arn:aws:s3:::b");
        assertThat(accesses("s3", "ListObjectsV2", "{\"Bucket\":\"b\",\"Prefix\":\"in/\"}").get(0).context())
                .containsEntry("s3:prefix", List.of("in/"));
        assertThat(of("s3", "HeadObject", "{\"Bucket\":\"b\",\"Key\":\"in/a.txt\"}")).containsExactly("s3:GetObject arn:aws:s3:::b/in/a.txt");
        assertThat(of("s3", "CopyObject", "{\"Bucket\":\"b\",\"Key\":\"to.txt\",\"CopySource\":\"/src/from%20here.txt\"}"))
                .containsExactly("s3:PutObject arn:aws:s3:::b/to.txt", "s3:GetObject arn:aws:s3:::src/from here.txt");
        assertThat(of("lambda", "Invoke", "{\"FunctionName\":\"shop-place\",\"Qualifier\":\"prod\"}"))
                .containsExactly("lambda:InvokeFunction arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:shop-place:prod");
        assertThat(of("lambda", "TagResource", "{\"Resource\":\"arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:f\"}"))
                .containsExactly("lambda:TagResource arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:f");
        assertThat(of("sqs", "SendMessageBatch", "{\"QueueUrl\":\"http://127.0.0.1:4566/" + ACCOUNT + "/jobs\"}"))
                .containsExactly("sqs:SendMessage arn:aws:sqs:eu-west-1:" + ACCOUNT + ":jobs");
        assertThat(of("sns", "Unsubscribe", "{\"SubscriptionArn\":\"arn:aws:sns:eu-west-1:" + ACCOUNT + ":orders:abc\"}"))
                .as("a subscription is authorized on its topic")
                .containsExactly("sns:Unsubscribe arn:aws:sns:eu-west-1:" + ACCOUNT + ":orders");
        assertThat(of("sts", "GetCallerIdentity", "{}")).isEmpty();
        assertThat(of("logs", "PutLogEvents", "{\"logGroupName\":\"/aws/lambda/f\",\"logStreamName\":\"s\"}"))
                .containsExactly("logs:PutLogEvents arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:/aws/lambda/f:log-stream:s");
    }

    @Test
    void aDynamoDbCallIsOneRequestPerTableAndIndex() {
        String tables = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/";
        assertThat(of("dynamodb", "Query", "{\"TableName\":\"orders\",\"IndexName\":\"by-user\"}"))
                .containsExactly("dynamodb:Query " + tables + "orders/index/by-user");
        assertThat(of("dynamodb", "BatchWriteItem", "{\"RequestItems\":{\"orders\":[],\"users\":[]}}"))
                .containsExactly("dynamodb:BatchWriteItem " + tables + "orders", "dynamodb:BatchWriteItem " + tables + "users");
        assertThat(of("dynamodb", "TransactWriteItems",
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"orders\"}},{\"ConditionCheck\":{\"TableName\":\"users\"}}]}"))
                .containsExactly("dynamodb:PutItem " + tables + "orders", "dynamodb:ConditionCheckItem " + tables + "users");
    }
}
