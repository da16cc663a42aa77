package io.javeze.local.http;

import java.util.Map;

/** SQS's JSON protocol names its errors by shape; its query protocol (and x-amzn-query-error) by the legacy code. */
final class SqsErrorCodes {
    private static final Map<String, String> JSON_TYPES = Map.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
            "QueueAlreadyExists", "QueueNameExists",
            "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
            "InvalidAttributeName", "InvalidAttributeName",
            "InvalidParameterValue", "InvalidAttributeValue",
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequest",
            "AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest",
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
            "MissingParameter", "MissingRequiredParameterException",
            "AccessDenied", "AccessDeniedException");

    private SqsErrorCodes() {}

    static String jsonType(String queryCode) {
        return JSON_TYPES.getOrDefault(queryCode, queryCode);
    }
}
