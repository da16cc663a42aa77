package io.javeze.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import io.javeze.runtime.event.EventJson;
import io.javeze.runtime.event.SqsEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** Reads the SQS event Lambda hands a stream handler. */
    public static SqsEvent read(InputStream input) throws IOException {
        return EventJson.readSqs(input);
    }

    /** Writes the partial batch response: the ids of the messages to deliver again. */
    public static void write(List<String> failedMessageIds, OutputStream output) throws IOException {
        EventJson.writeBatchFailures(failedMessageIds, output);
    }

    /** Hands each message to {@code handler}; returns the ids of those that failed. */
    public static List<String> each(SqsEvent event, Context context, MessageHandler handler) {
        List<String> failures = new ArrayList<>();
        List<SqsEvent.Message> records = event == null || event.records() == null ? List.of() : event.records();
        for (SqsEvent.Message record : records) {
            try {
                handler.handle(messageOf(record.body()));
            } catch (Exception e) {
                System.err.println("javeze: message " + record.messageId() + " failed and will be retried: " + e);
                e.printStackTrace();
                failures.add(record.messageId());
            }
        }
        return failures;
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
