package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import java.nio.charset.StandardCharsets;

/**
 * AWS's query protocol (IAM, STS, SNS, SQS's XML mode): form parameters in ({@code Action=...&Tags.member.1.Key=...}),
 * {@code <OpResponse><OpResult>...</OpResult><ResponseMetadata>} XML out. Generic over every service that speaks it:
 * {@link QueryParams} reads the input shape from the parameters and {@link QueryXml} writes the output shape, both
 * from the model's traits only ({@code locationName}, {@code flattened}, {@code resultWrapper}, {@code timestampFormat}).
 */
public final class QueryProtocol implements WireProtocol {
    @Override
    public ObjectNode parse(ServiceModel.Operation operation, WireRequest request) {
        Shape input = operation.input();
        if (input == null) {
            return Json.object();
        }
        String service = input.model().signingName();
        ObjectNode in = new QueryParams(request.params(), invalidValueCode(service), missingValueCode(service)).structure(input);
        RequiredMembers.check(input, in, missingValueCode(service));
        return in;
    }

    @Override
    public AwsResponse serialize(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId) {
        return AwsResponse.bytes(200, QueryXml.response(model, operation, output, requestId).getBytes(StandardCharsets.UTF_8),
                "text/xml");
    }

    /** The code of the error for a required parameter that is missing. */
    static String missingValueCode(String service) {
        return "sqs".equals(service) ? "MissingParameter" : "ValidationError";
    }

    /** The code of the error for a parameter whose text is not of the member's type (a number, a boolean, ...). */
    static String invalidValueCode(String service) {
        return "sqs".equals(service) ? "InvalidParameterValue" : "ValidationError";
    }
}
