package io.javeze.local.sqs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One queue in memory: its definition and its messages. Every field is read and written only by {@link SqsStore},
 * under {@link #lock}; {@link #definition} is immutable and volatile so that a reader needs no lock to see one whole
 * version of it.
 */
final class SqsQueue {
    final String name;
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a message may have become receivable: long polls wait on it. */
    final Condition receivable = lock.newCondition();
    volatile QueueDefinition definition;
    /** By message id, in the order they arrived. */
    final Map<String, SqsMessage> messages = new LinkedHashMap<>();
    boolean deleted;
    /** A FIFO queue's last sequence number, and its messages of the deduplication interval by deduplication id. */
    long lastSequenceNumber;
    final Map<String, SqsMessage> recentlyDeduplicated = new HashMap<>();

    SqsQueue(QueueDefinition definition) {
        this.name = definition.name();
        this.definition = definition;
    }
}
