package io.javeze.runtime.event;

import java.util.List;

/** The fields of an SQS event that a subscriber needs: each record's id (for partial batch failures) and body. */
public record SqsEvent(List<Message> records) {
    public record Message(String messageId, String body) {}
}
