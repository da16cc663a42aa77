package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a generated subscriber: hands each SQS message's topic message to the user's method and
 * reports the messages that failed as partial batch failures, so only those are delivered again.
 */
public final class SubscriberCall {
    private SubscriberCall() {}

    @FunctionalInterface
    public interface MessageHandler {
        void handle(String message) throws Exception;
    }

    public static SQSBatchResponse each(SQSEvent event, Context context, MessageHandler handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                handler.handle(messageOf(record.getBody()));
            } catch (Exception e) {
                System.err.println("javeze: message " + record.getMessageId() + " failed and will be retried: " + e);
                e.printStackTrace();
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * The published message: the {@code Message} of an SNS notification envelope, or the body itself when the
     * subscription uses raw message delivery.
     */
    public static String messageOf(String body) {
        if (body == null) return "";
        String trimmed = body.trim();
        if (!trimmed.startsWith("{") || !trimmed.contains("\"Notification\"")) return body;
        Map<String, Object> envelope;
        try {
            envelope = Json.readMap(trimmed);
        } catch (Json.InvalidJsonException e) {
            return body;
        }
        if ("Notification".equals(envelope.get("Type")) && envelope.get("Message") instanceof String message
                && envelope.containsKey("TopicArn")) {
            return message;
        }
        return body;
    }
}
