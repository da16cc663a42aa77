package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import java.util.zip.CRC32;

/** AWS's json protocol ({@code X-Amz-Target}, the body is the input shape): DynamoDB, CloudWatch Logs, SQS's JSON mode. */
public final class AwsJsonProtocol implements WireProtocol {
    @Override
    public ObjectNode parse(ServiceModel.Operation operation, WireRequest request) {
        JsonNode body = request.body().length == 0 ? Json.object() : Json.parse(request.body());
        if (!body.isObject()) {
            throw new AwsException(400, "SerializationException", "Request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    @Override
    public AwsResponse serialize(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId) {
        byte[] body = Json.bytes(output == null ? Json.object() : output);
        AwsResponse response = AwsResponse.bytes(200, body, "application/x-amz-json-" + model.jsonVersion());
        if ("dynamodb".equals(model.signingName())) { // DynamoDB sends the body's CRC32, which its SDK clients verify
            CRC32 crc = new CRC32();
            crc.update(body);
            response.header("x-amz-crc32", Long.toString(crc.getValue()));
        }
        return response;
    }
}
