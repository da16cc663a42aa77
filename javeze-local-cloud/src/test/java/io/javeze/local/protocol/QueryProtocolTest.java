package io.javeze.local.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class QueryProtocolTest {
    private final QueryProtocol query = new QueryProtocol();

    private ObjectNode parse(String service, String operation, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", operation);
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        ServiceModel model = ServiceModel.of(service);
        return query.parse(model.operation(operation), new WireRequest("POST", "/", Map.of(), Map.of(), Map.of(), params, new byte[0]));
    }

    private Document serialize(String service, String operation, ObjectNode output) throws Exception {
        ServiceModel model = ServiceModel.of(service);
        byte[] xml = query.serialize(model, model.operation(operation), output, "req-1").body();
        var factory = DocumentBuilderFactory.newInstance();
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String at(Document doc, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    private static int count(Document doc, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET)).getLength();
    }

    @Test
    void wrappedListsOfStructuresAndTypedScalars() {
        ObjectNode in = parse("iam", "CreateRole", "RoleName", "r", "AssumeRolePolicyDocument", "{}",
                "MaxSessionDuration", "7200", "Tags.member.2.Key", "b", "Tags.member.2.Value", "2",
                "Tags.member.1.Key", "a", "Tags.member.1.Value", "1");
        assertEquals("r", in.get("RoleName").asText());
        assertTrue(in.get("MaxSessionDuration").isInt());
        assertEquals(7200, in.get("MaxSessionDuration").asInt());
        assertEquals(Json.array().add(Json.object().put("Key", "a").put("Value", "1")).add(Json.object().put("Key", "b").put("Value", "2")),
                in.get("Tags"));
        assertFalse(in.has("Path"));
    }

    @Test
    void mapsWithEntriesAndEmptyLists() {
        ObjectNode in = parse("sns", "CreateTopic", "Name", "t", "Attributes.entry.1.key", "DisplayName",
                "Attributes.entry.1.value", "Shown", "Attributes.entry.2.key", "FifoTopic", "Attributes.entry.2.value", "false",
                "Tags", "");
        assertEquals(Json.object().put("DisplayName", "Shown").put("FifoTopic", "false"), in.get("Attributes"));
        assertEquals(Json.array(), in.get("Tags"));
    }

    @Test
    void flattenedListsAndMapsWithNestedStructuresAndBlobs() {
        ObjectNode in = parse("sqs", "SendMessageBatch", "QueueUrl", "http://q",
                "SendMessageBatchRequestEntry.1.Id", "one", "SendMessageBatchRequestEntry.1.MessageBody", "hello",
                "SendMessageBatchRequestEntry.1.DelaySeconds", "5",
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Name", "color",
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType", "String",
                "SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue", "red",
                "SendMessageBatchRequestEntry.1.MessageAttribute.2.Name", "raw",
                "SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.DataType", "Binary",
                "SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.BinaryValue", "AQID");
        ObjectNode entry = (ObjectNode) in.get("Entries").get(0);
        assertEquals("hello", entry.get("MessageBody").asText());
        assertEquals(5, entry.get("DelaySeconds").asInt());
        assertEquals("red", entry.at("/MessageAttributes/color/StringValue").asText());
        assertEquals("String", entry.at("/MessageAttributes/color/DataType").asText());
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), bytes(ShapeValues.bytes(entry.at("/MessageAttributes/raw/BinaryValue"))));

        ObjectNode attrs = parse("sqs", "ReceiveMessage", "QueueUrl", "http://q", "AttributeName.1", "All",
                "AttributeName.2", "SentTimestamp");
        assertEquals(Json.array().add("All").add("SentTimestamp"), attrs.get("AttributeNames"));
        ObjectNode set = parse("sqs", "SetQueueAttributes", "QueueUrl", "http://q", "Attribute.1.Name", "DelaySeconds",
                "Attribute.1.Value", "3");
        assertEquals(Json.object().put("DelaySeconds", "3"), set.get("Attributes"));
    }

    private static List<Byte> bytes(byte[] b) {
        List<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }

    @Test
    void aValueOfTheWrongTypeIsTheServicesValidationErrorNamingTheMember() {
        AwsException iam = assertThrows(AwsException.class, () -> parse("iam", "CreateRole", "RoleName", "r",
                "AssumeRolePolicyDocument", "{}", "MaxSessionDuration", "soon"));
        assertEquals("ValidationError", iam.code());
        assertTrue(iam.getMessage().contains("'maxSessionDuration'"), iam.getMessage());
        AwsException sqs = assertThrows(AwsException.class, () -> parse("sqs", "ChangeMessageVisibility", "QueueUrl", "q",
                "ReceiptHandle", "h", "VisibilityTimeout", "abc"));
        assertEquals("InvalidParameterValue", sqs.code());
        assertTrue(sqs.getMessage().contains("'visibilityTimeout'"), sqs.getMessage());
    }

    @Test
    void aMissingRequiredMemberIsRefused() {
        assertEquals("ValidationError", assertThrows(AwsException.class, () -> parse("sns", "CreateTopic")).code());
        assertEquals("MissingParameter", assertThrows(AwsException.class, () -> parse("sqs", "ReceiveMessage")).code());
    }

    @Test
    void aMissingRequiredMemberOfANestedStructureIsNamedByItsPath() {
        AwsException e = assertThrows(AwsException.class, () -> parse("iam", "TagRole", "RoleName", "r", "Tags.member.1.Key", "k"));
        assertEquals("ValidationError", e.code());
        assertTrue(e.getMessage().contains("'tags.member.1.value'"), e.getMessage());
        AwsException sqs = assertThrows(AwsException.class, () -> parse("sqs", "SendMessage", "QueueUrl", "q", "MessageBody", "b",
                "MessageAttribute.1.Name", "n", "MessageAttribute.1.Value.StringValue", "v"));
        assertEquals("MissingParameter", sqs.code());
        assertTrue(sqs.getMessage().contains("'messageAttribute.1.value.dataType'"), sqs.getMessage());
    }

    @Test
    void outputsAreWrappedWithTheModelsNamespaceAndTypedText() throws Exception {
        ObjectNode role = Json.object().put("Path", "/").put("RoleName", "r").put("RoleId", "AROA1").put("Arn", "arn:aws:iam::1:role/r")
                .put("MaxSessionDuration", 3600);
        role.set("CreateDate", ShapeValues.epochSeconds(Instant.parse("2026-12-02T10:00:00.250Z")));
        role.putArray("Tags").addObject().put("Key", "k").put("Value", "<&>");
        role.putObject("RoleLastUsed").put("LastUsedDate", "2026-12-01T00:00:00Z");
        ObjectNode out = Json.object();
        out.putArray("Roles").add(role);
        out.put("IsTruncated", true).put("Marker", "1");
        Document doc = serialize("iam", "ListRoles", out);
        assertEquals("ListRolesResponse", doc.getDocumentElement().getTagName());
        assertEquals("https://iam.amazonaws.com/doc/2010-05-08/", doc.getDocumentElement().getAttribute("xmlns"));
        assertEquals("2026-12-02T10:00:00.250Z", at(doc, "/ListRolesResponse/ListRolesResult/Roles/member/CreateDate"));
        assertEquals("2026-12-01T00:00:00Z", at(doc, "//member/RoleLastUsed/LastUsedDate"));
        assertEquals("<&>", at(doc, "//Roles/member/Tags/member/Value"));
        assertEquals("true", at(doc, "/ListRolesResponse/ListRolesResult/IsTruncated"));
        assertEquals("3600", at(doc, "//Roles/member/MaxSessionDuration"));
        assertEquals("req-1", at(doc, "/ListRolesResponse/ResponseMetadata/RequestId"));
    }

    @Test
    void mapsAsEntriesAndFlattenedListsAndMapsRepeatTheirElement() throws Exception {
        ObjectNode attributes = Json.object();
        attributes.putObject("Attributes").put("TopicArn", "arn:t").put("DisplayName", "d");
        Document sns = serialize("sns", "GetTopicAttributes", attributes);
        assertEquals("arn:t", at(sns, "//Attributes/entry[key='TopicArn']/value"));
        assertEquals(2, count(sns, "//Attributes/entry"));

        ObjectNode messages = Json.object();
        ObjectNode m = messages.putArray("Messages").addObject().put("MessageId", "m1").put("Body", "b");
        m.putObject("Attributes").put("SenderId", "s").put("ApproximateReceiveCount", "1");
        m.putObject("MessageAttributes").putObject("raw").put("DataType", "Binary")
                .set("BinaryValue", Json.MAPPER.getNodeFactory().binaryNode(new byte[] {1, 2, 3}));
        messages.withArray("Messages").addObject().put("MessageId", "m2");
        Document sqs = serialize("sqs", "ReceiveMessage", messages);
        assertEquals(2, count(sqs, "/ReceiveMessageResponse/ReceiveMessageResult/Message"));
        assertEquals("s", at(sqs, "//Message[MessageId='m1']/Attribute[Name='SenderId']/Value"));
        assertEquals(2, count(sqs, "//Message[MessageId='m1']/Attribute"));
        assertEquals("AQID", at(sqs, "//Message/MessageAttribute[Name='raw']/Value/BinaryValue"));
    }

    @Test
    void anOperationWithoutOutputAnswersOnlyItsMetadata() throws Exception {
        Document doc = serialize("sns", "DeleteTopic", null);
        assertEquals(0, count(doc, "//DeleteTopicResult"));
        assertEquals("req-1", at(doc, "/DeleteTopicResponse/ResponseMetadata/RequestId"));
        assertTrue(new String(query.serialize(ServiceModel.of("sns"), ServiceModel.of("sns").operation("DeleteTopic"), null, "x")
                .body(), StandardCharsets.UTF_8).contains("xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\""));
    }
}
