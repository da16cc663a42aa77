package io.javeze.local.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import io.javeze.local.http.OperationTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestJsonProtocolTest {
    private final RestJsonProtocol wire = new RestJsonProtocol();

    private static WireRequest request(String method, String path, Map<String, String> pathParams,
                                       Map<String, List<String>> query, Map<String, List<String>> headers, String body) {
        return new WireRequest(method, path, pathParams, query, headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static ServiceModel.Operation op(String service, String name) {
        return ServiceModel.of(service).operation(name);
    }

    @Test
    void uriLabelsAndRepeatedQueryKeysBecomeMembers() {
        ObjectNode in = wire.parse(op("apigateway", "UntagResource"), request("DELETE", "/v2/tags/arn",
                Map.of("resource-arn", "arn:aws:apigateway:us-east-1::/apis/abc"),
                Map.of("tagKeys", List.of("team", "stage")), Map.of(), ""));
        assertEquals("arn:aws:apigateway:us-east-1::/apis/abc", in.get("ResourceArn").asText());
        assertEquals(List.of("team", "stage"), List.of(in.get("TagKeys").get(0).asText(), in.get("TagKeys").get(1).asText()));
    }

    @Test
    void aGreedyLabelKeepsItsSlashesAndHeadersAreTyped() {
        OperationTable table = OperationTable.of(List.of("s3"));
        OperationTable.Match match = OperationTable.match(table.service("s3"), "GET", "/bucket/photos/2024/a%20b.jpg", Map.of());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("if-modified-since", List.of("Wed, 21 Oct 2015 07:28:00 GMT"));
        headers.put("range", List.of("bytes=0-9"));
        ObjectNode in = wire.parse(op("s3", match.operation()), request("GET", "/bucket/photos/2024/a%20b.jpg",
                match.pathParams(), Map.of(), headers, ""));
        assertEquals("GetObject", match.operation());
        assertEquals("photos/2024/a b.jpg", in.get("Key").asText());
        assertEquals("bucket", in.get("Bucket").asText());
        assertEquals(Instant.parse("2015-10-21T07:28:00Z"), ShapeValues.toInstant(in.get("IfModifiedSince")));
        assertEquals("bytes=0-9", in.get("Range").asText());
    }

    @Test
    void aBlobPayloadIsTheRawBodyAndPrefixedHeadersAreAMap() {
        Map<String, List<String>> headers = Map.of("x-amz-meta-owner", List.of("ana"), "content-type", List.of("text/plain"));
        ObjectNode in = wire.parse(op("s3", "PutObject"), request("PUT", "/b/k", Map.of("Bucket", "b", "Key", "k"),
                Map.of(), headers, "{not json}"));
        assertTrue(in.get("Body") instanceof BinaryNode);
        assertEquals("{not json}", new String(ShapeValues.bytes(in.get("Body")), StandardCharsets.UTF_8));
        assertEquals("ana", in.get("Metadata").get("owner").asText());
        assertEquals("text/plain", in.get("ContentType").asText());
    }

    @Test
    void bodyMembersAreReadByLocationNameAndKeptByModelName() {
        ObjectNode in = wire.parse(op("apigateway", "CreateApi"), request("POST", "/v2/apis", Map.of(), Map.of(), Map.of(),
                "{\"name\":\"shop\",\"protocolType\":\"HTTP\",\"target\":\"arn:aws:lambda:us-east-1:1:function:f\","
                        + "\"corsConfiguration\":{\"allowOrigins\":[\"*\"],\"maxAge\":60}}"));
        assertEquals("shop", in.get("Name").asText());
        assertEquals("HTTP", in.get("ProtocolType").asText());
        assertEquals("arn:aws:lambda:us-east-1:1:function:f", in.get("Target").asText());
        assertEquals("*", in.get("CorsConfiguration").get("AllowOrigins").get(0).asText());
        assertEquals(60, in.get("CorsConfiguration").get("MaxAge").asInt());
    }

    @Test
    void outputsUseLocationNamesAndEachMembersTimestampFormat() {
        ServiceModel.Operation createApi = op("apigateway", "CreateApi");
        ObjectNode out = Json.object().put("ApiId", "abc").put("Name", "shop").put("CreatedDate", 1_700_000_000L)
                .put("NotInTheModel", "dropped");
        AwsResponse response = wire.serialize(ServiceModel.of("apigateway"), createApi, out, "r");
        JsonNode body = Json.parse(response.body());
        assertEquals(201, response.status());
        assertEquals("abc", body.get("apiId").asText());
        assertEquals("2023-11-14T22:13:20Z", body.get("createdDate").asText());
        assertTrue(!body.has("NotInTheModel") && !body.has("ApiId"));

        ObjectNode schedule = Json.object().put("Name", "s").put("CreationDate", "2023-11-14T22:13:20Z");
        JsonNode scheduleBody = Json.parse(wire.serialize(ServiceModel.of("scheduler"), op("scheduler", "GetSchedule"),
                schedule, "r").body());
        assertEquals(1_700_000_000L, scheduleBody.get("CreationDate").asLong(), "rest-json's default is epoch seconds");
        assertTrue(scheduleBody.get("CreationDate").isNumber());
        ObjectNode fractional = Json.object().put("Name", "s").put("LastModificationDate", 1_764_677_000.123);
        assertEquals("1764677000.123", Json.parse(wire.serialize(ServiceModel.of("scheduler"), op("scheduler", "GetSchedule"),
                fractional, "r").body()).get("LastModificationDate").decimalValue().toPlainString());
    }

    @Test
    void statusCodeAndHeaderMembersAndABlobPayloadShapeTheResponse() {
        ObjectNode out = Json.object().put("StatusCode", 200).put("FunctionError", "Unhandled").put("ExecutedVersion", "$LATEST");
        out.set("Payload", BinaryNode.valueOf("{\"ok\":false}".getBytes(StandardCharsets.UTF_8)));
        AwsResponse response = wire.serialize(ServiceModel.of("lambda"), op("lambda", "Invoke"), out, "r");
        assertEquals(200, response.status());
        assertEquals("Unhandled", response.headers().get("X-Amz-Function-Error"));
        assertEquals("$LATEST", response.headers().get("X-Amz-Executed-Version"));
        assertArrayEquals("{\"ok\":false}".getBytes(StandardCharsets.UTF_8), response.body());

        ObjectNode async = Json.object().put("StatusCode", 202);
        assertEquals(202, wire.serialize(ServiceModel.of("lambda"), op("lambda", "Invoke"), async, "r").status());
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNamingTheMember() {
        AwsException query = assertThrows(AwsException.class, () -> wire.parse(op("lambda", "ListFunctions"),
                request("GET", "/2015-03-31/functions/", Map.of(), Map.of("MaxItems", List.of("ten")), Map.of(), "")));
        assertTrue(query.getMessage().contains("'maxItems'"), query.getMessage());
        assertEquals(400, query.status());

        AwsException body = assertThrows(AwsException.class, () -> wire.parse(op("scheduler", "CreateSchedule"),
                request("POST", "/schedules/s", Map.of("Name", "s"), Map.of(), Map.of(),
                        "{\"ScheduleExpression\":\"rate(1 minute)\",\"Target\":{\"Arn\":\"a\",\"RoleArn\":\"r\"},"
                                + "\"FlexibleTimeWindow\":{\"Mode\":\"FLEXIBLE\",\"MaximumWindowInMinutes\":\"ten\"}}")));
        assertTrue(body.getMessage().contains("'flexibleTimeWindow.MaximumWindowInMinutes'"), body.getMessage());
    }

    @Test
    void timestampsInTheBodyAcceptEpochSecondsAndIsoText() {
        ObjectNode in = wire.parse(op("scheduler", "CreateSchedule"), request("POST", "/schedules/s", Map.of("Name", "s"),
                Map.of(), Map.of(), "{\"ScheduleExpression\":\"at(2030-01-01T00:00:00)\",\"Target\":{\"Arn\":\"a\","
                        + "\"RoleArn\":\"r\"},\"FlexibleTimeWindow\":{\"Mode\":\"OFF\"},\"StartDate\":1.7E9,"
                        + "\"EndDate\":\"2030-01-01T00:00:00Z\"}"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), ShapeValues.toInstant(in.get("StartDate")));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), ShapeValues.toInstant(in.get("EndDate")));
        assertEquals("s", in.get("Name").asText());
    }

    @Test
    void aMissingRequiredMemberIsTheServicesValidationError() {
        AwsException apigw = assertThrows(AwsException.class, () -> wire.parse(op("apigateway", "CreateApi"),
                request("POST", "/v2/apis", Map.of(), Map.of(), Map.of(), "{\"name\":\"x\"}")));
        assertEquals("BadRequestException", apigw.code());
        assertTrue(apigw.getMessage().contains("protocolType"), apigw.getMessage());
        AwsException scheduler = assertThrows(AwsException.class, () -> wire.parse(op("scheduler", "GetSchedule"),
                request("GET", "/schedules/", Map.of(), Map.of(), Map.of(), "")));
        assertEquals("ValidationException", scheduler.code());
    }
}
