package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One queue's messages, in memory; its definition (attributes, tags) lives in the durable state. */
final class Queue {
    final String name;
    final List<Message> messages = new ArrayList<>();

    Queue(String name) {
        this.name = name;
    }

    static final class Message {
        final String id;
        final String body;
        final String md5;
        final ObjectNode attributes;
        final String md5Attributes;
        final long sentAt;
        long visibleAt;
        int receiveCount;
        long firstReceiveAt;
        String receiptHandle;

        Message(String id, String body, ObjectNode attributes, long sentAt, long visibleAt) {
            this.id = id;
            this.body = body;
            this.md5 = MessageMd5.ofBody(body);
            this.attributes = attributes;
            this.md5Attributes = MessageMd5.ofAttributes(attributes);
            this.sentAt = sentAt;
            this.visibleAt = visibleAt;
        }
    }

    synchronized Message byId(String id) {
        for (Message m : messages) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }

    synchronized boolean remove(String id) {
        for (Iterator<Message> it = messages.iterator(); it.hasNext(); ) {
            if (it.next().id.equals(id)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    synchronized int[] counts(long now) {
        int visible = 0;
        int inFlight = 0;
        int delayed = 0;
        for (Message m : messages) {
            if (m.visibleAt <= now) {
                visible++;
            } else if (m.receiveCount > 0) {
                inFlight++;
            } else {
                delayed++;
            }
        }
        return new int[] {visible, inFlight, delayed};
    }

    synchronized List<Message> snapshot() {
        return new ArrayList<>(messages);
    }
}
