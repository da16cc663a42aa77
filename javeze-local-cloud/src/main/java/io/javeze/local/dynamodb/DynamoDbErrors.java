package io.javeze.local.dynamodb;

import io.javeze.local.http.AwsException;

/** DynamoDB's error codes and messages, as the service answers them. */
final class DynamoDbErrors {
    private DynamoDbErrors() {}

    static AwsException notFound() {
        return new AwsException(400, "ResourceNotFoundException", "Requested resource not found");
    }

    static AwsException tableNotFound(String table) {
        return new AwsException(400, "ResourceNotFoundException", "Requested resource not found: Table: " + table + " not found");
    }

    static AwsException inUse(String message) {
        return new AwsException(400, "ResourceInUseException", message);
    }

    static AwsException conditionFailed() {
        return new AwsException(400, "ConditionalCheckFailedException", "The conditional request failed");
    }
}
