package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsResponse;

/**
 * One AWS wire protocol (json, rest-json, query, rest-xml), generic over every service that speaks it: requests are
 * parsed into the operation's input shape and outputs written from its output shape, using only the model's traits.
 */
public interface WireProtocol {
    ObjectNode parse(ServiceModel.Operation operation, WireRequest request);

    AwsResponse serialize(ServiceModel model, ServiceModel.Operation operation, ObjectNode output, String requestId);
}
