package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQS's query protocol, as the AWS CLI v2 of Debian (2.9) speaks it: form-encoded requests, XML answers.
 * (Current SDKs and newer CLIs speak SQS's JSON protocol, covered by {@link SqsSnsConformanceTest}.)
 */
class SqsQueryProtocolTest {
    static final XmlMapper XML = new XmlMapper();
    @TempDir
    Path dir;

    static HttpResponse<String> call(CloudFixture fx, String path, Map<String, String> params) {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return fx.raw("POST", path, "sqs", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                form + "&Version=2012-11-05");
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void queueAndMessageOperationsAnswerInXml() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir)) {
            var created = call(fx, "/", params("Action", "CreateQueue", "QueueName", "q1", "Attribute.1.Name", "VisibilityTimeout",
                    "Attribute.1.Value", "7", "Tag.1.Key", "team", "Tag.1.Value", "web"));
            assertThat(created.statusCode()).isEqualTo(200);
            JsonNode c = XML.readTree(created.body());
            String url = c.get("CreateQueueResult").get("QueueUrl").asText();
            assertThat(url).isEqualTo(fx.endpoint() + "/000000000000/q1");
            assertThat(c.get("ResponseMetadata").get("RequestId").asText()).isNotBlank();

            JsonNode attrs = XML.readTree(call(fx, "/000000000000/q1", params("Action", "GetQueueAttributes", "QueueUrl", url,
                    "AttributeName.1", "All")).body());
            Map<String, String> byName = new LinkedHashMap<>();
            attrs.get("GetQueueAttributesResult").get("Attribute").forEach(a -> byName.put(a.get("Name").asText(), a.get("Value").asText()));
            assertThat(byName).containsEntry("VisibilityTimeout", "7").containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:q1");

            JsonNode sent = XML.readTree(call(fx, "/", params("Action", "SendMessage", "QueueUrl", url, "MessageBody", "hi there",
                    "MessageAttribute.1.Name", "kind", "MessageAttribute.1.Value.DataType", "String",
                    "MessageAttribute.1.Value.StringValue", "greeting")).body());
            assertThat(sent.get("SendMessageResult").get("MD5OfMessageBody").asText()).isEqualTo("fd33e2e8ad3cb1bdd3ea8f5633fcf5c7");
            assertThat(sent.get("SendMessageResult").get("MD5OfMessageAttributes").asText()).hasSize(32);

            JsonNode received = XML.readTree(call(fx, "/", params("Action", "ReceiveMessage", "QueueUrl", url,
                    "MessageAttributeName.1", "All", "AttributeName.1", "All")).body());
            JsonNode message = received.get("ReceiveMessageResult").get("Message");
            assertThat(message.get("Body").asText()).isEqualTo("hi there");
            assertThat(message.get("MessageAttribute").get("Name").asText()).isEqualTo("kind");
            assertThat(message.get("MessageAttribute").get("Value").get("StringValue").asText()).isEqualTo("greeting");

            var deleted = call(fx, "/", params("Action", "DeleteMessage", "QueueUrl", url, "ReceiptHandle",
                    message.get("ReceiptHandle").asText()));
            assertThat(deleted.statusCode()).isEqualTo(200);
            JsonNode tags = XML.readTree(call(fx, "/", params("Action", "ListQueueTags", "QueueUrl", url)).body());
            assertThat(tags.get("ListQueueTagsResult").get("Tag").get("Key").asText()).isEqualTo("team");
            JsonNode list = XML.readTree(call(fx, "/", params("Action", "ListQueues")).body());
            assertThat(list.get("ListQueuesResult").get("QueueUrl").asText()).isEqualTo(url);

            var missing = call(fx, "/", params("Action", "GetQueueUrl", "QueueName", "nope"));
            assertThat(missing.statusCode()).isEqualTo(400);
            JsonNode error = XML.readTree(missing.body());
            assertThat(error.get("Error").get("Code").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
            assertThat(error.get("Error").get("Type").asText()).isEqualTo("Sender");
        }
    }

    @Test
    void batchesBinaryAttributesAndRedrivePoliciesThroughTheGenericQueryProtocol() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String dlq = XML.readTree(call(fx, "/", params("Action", "CreateQueue", "QueueName", "dead")).body())
                    .get("CreateQueueResult").get("QueueUrl").asText();
            String url = XML.readTree(call(fx, "/", params("Action", "CreateQueue", "QueueName", "work",
                    "Attribute.1.Name", "RedrivePolicy", "Attribute.1.Value",
                    "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dead\",\"maxReceiveCount\":\"3\"}")).body())
                    .get("CreateQueueResult").get("QueueUrl").asText();
            JsonNode attrs = XML.readTree(call(fx, "/", params("Action", "GetQueueAttributes", "QueueUrl", url,
                    "AttributeName.1", "RedrivePolicy")).body()).get("GetQueueAttributesResult").get("Attribute");
            assertThat(attrs.get("Value").asText()).as("maxReceiveCount is a number inside the JSON, as SQS returns it")
                    .contains("\"maxReceiveCount\":3");

            JsonNode sent = XML.readTree(call(fx, "/", params("Action", "SendMessageBatch", "QueueUrl", url,
                    "SendMessageBatchRequestEntry.1.Id", "a", "SendMessageBatchRequestEntry.1.MessageBody", "one",
                    "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name", "blob",
                    "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType", "Binary",
                    "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue", "AAEC",
                    "SendMessageBatchRequestEntry.2.Id", "b", "SendMessageBatchRequestEntry.2.MessageBody", "two",
                    "SendMessageBatchRequestEntry.2.DelaySeconds", "901")).body()).get("SendMessageBatchResult");
            assertThat(sent.get("SendMessageBatchResultEntry").get("Id").asText()).isEqualTo("a");
            assertThat(sent.get("SendMessageBatchResultEntry").get("MD5OfMessageAttributes").asText()).hasSize(32);
            assertThat(sent.get("BatchResultErrorEntry").get("Id").asText()).isEqualTo("b");
            assertThat(sent.get("BatchResultErrorEntry").get("Code").asText()).isEqualTo("InvalidParameterValue");
            assertThat(sent.get("BatchResultErrorEntry").get("SenderFault").asText()).isEqualTo("true");

            JsonNode message = XML.readTree(call(fx, "/", params("Action", "ReceiveMessage", "QueueUrl", url,
                    "MessageAttributeName.1", "All")).body()).get("ReceiveMessageResult").get("Message");
            assertThat(message.get("MessageAttribute").get("Value").get("BinaryValue").asText()).isEqualTo("AAEC");
            JsonNode deleted = XML.readTree(call(fx, "/", params("Action", "DeleteMessageBatch", "QueueUrl", url,
                    "DeleteMessageBatchRequestEntry.1.Id", "x", "DeleteMessageBatchRequestEntry.1.ReceiptHandle",
                    message.get("ReceiptHandle").asText())).body()).get("DeleteMessageBatchResult");
            assertThat(deleted.get("DeleteMessageBatchResultEntry").get("Id").asText()).isEqualTo("x");

            JsonNode sources = XML.readTree(call(fx, "/", params("Action", "ListDeadLetterSourceQueues", "QueueUrl", dlq)).body());
            assertThat(sources.get("ListDeadLetterSourceQueuesResult").get("QueueUrl").asText()).isEqualTo(url);

            var missing = call(fx, "/", params("Action", "SendMessage", "QueueUrl", url));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(XML.readTree(missing.body()).get("Error").get("Code").asText()).isEqualTo("MissingParameter");
            var notANumber = call(fx, "/", params("Action", "ReceiveMessage", "QueueUrl", url, "MaxNumberOfMessages", "ten"));
            assertThat(XML.readTree(notANumber.body()).get("Error").get("Code").asText()).isEqualTo("InvalidParameterValue");
        }
    }
}
