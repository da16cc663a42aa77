package io.javeze.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * SQS's state and the one place that locks and persists it. Each queue has its own lock ({@link SqsQueue#lock}), so
 * operations on different queues run in parallel; creating and deleting queues also take the registry's lock, always
 * before a queue's. Every change is journaled under the lock that orders it: queue definitions in the table
 * {@code sqs-queues} (name → attributes and tags), each message in {@code sqs-messages} ({@code queue/messageId}),
 * rewritten whenever it is received or its visibility changes, so that after a crash in-flight messages come back
 * with their receive counts.
 */
public final class SqsStore {
    /** Called with a queue's name each time its lock is taken: lets a test hold one queue's operation. */
    interface LockObserver {
        void locked(String queue);
    }

    /** A queue's message counts, as GetQueueAttributes reports them. */
    record Counts(int visible, int inFlight, int delayed) {}

    static final String QUEUES = "sqs-queues";
    static final String MESSAGES = "sqs-messages";
    private static final String LEGACY_DOCUMENT = "sqs";
    private static final long DEDUPLICATION_INTERVAL_MILLIS = 5 * 60_000;

    private final StateStore state;
    private final Table queueTable;
    private final Table messageTable;
    private final String region;
    private final LongSupplier clock;
    private final Map<String, SqsQueue> queues = new ConcurrentHashMap<>();
    /** Orders queue creation and deletion; taken before any queue's lock, never after. */
    private final Object registry = new Object();
    private volatile LockObserver observer = queue -> { };

    SqsStore(StateStore state, String region, LongSupplier clock) {
        this.state = state;
        this.region = region;
        this.clock = clock;
        this.queueTable = state.table(QUEUES);
        this.messageTable = state.table(MESSAGES);
        migrateDocument();
        queueTable.records().forEach((name, record) -> queues.put(name, new SqsQueue(QueueDefinition.fromRecord(name, record))));
        messageTable.records().forEach((key, record) -> {
            SqsQueue q = queues.get(key.substring(0, key.indexOf('/')));
            if (q == null) {
                messageTable.remove(key);
            } else {
                SqsMessage m = SqsMessage.fromRecord(record);
                q.messages.put(m.id(), m);
                if (m.fifo() != null) {
                    q.lastSequenceNumber = Math.max(q.lastSequenceNumber, m.fifo().sequenceNumber());
                }
            }
        });
    }

    /** Before this store, queue definitions were one state document ({@code sqs}, {@code queues/NAME}). */
    private void migrateDocument() {
        JsonNode legacy = state.load(LEGACY_DOCUMENT).path("queues");
        if (legacy.size() == 0) {
            return;
        }
        Map<String, JsonNode> current = queueTable.records();
        legacy.fields().forEachRemaining(e -> {
            if (!current.containsKey(e.getKey())) {
                queueTable.put(e.getKey(), e.getValue().deepCopy());
            }
        });
        state.save(LEGACY_DOCUMENT, Json.object().set("queues", Json.object()));
    }

    /** Queue names in a data directory, for {@code javeze local status}. */
    public static List<String> queueNames(StateStore state) {
        TreeSet<String> names = new TreeSet<>(state.table(QUEUES).records().keySet());
        state.load(LEGACY_DOCUMENT).path("queues").fieldNames().forEachRemaining(names::add);
        return new ArrayList<>(names);
    }

    void observeLocks(LockObserver observer) {
        this.observer = observer;
    }

    /** Whether an operation waits for this queue's lock. */
    boolean waitingFor(String name) {
        SqsQueue q = queues.get(name);
        return q != null && q.lock.hasQueuedThreads();
    }

    long now() {
        return clock.getAsLong();
    }

    String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + LocalAccount.ID + ":" + name;
    }

    static AwsException noSuchQueue() {
        return new AwsException(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }

    private SqsQueue queue(String name) {
        SqsQueue q = name == null ? null : queues.get(name);
        if (q == null) {
            throw noSuchQueue();
        }
        return q;
    }

    /** The queue an ARN of this region and account names. */
    String nameOfArn(String queueArn) {
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        if (!queues.containsKey(name) || !arn(name).equals(queueArn)) {
            throw noSuchQueue();
        }
        return name;
    }

    /** Runs {@code action} under the queue's lock; a queue deleted meanwhile no longer exists. */
    private <T> T locked(SqsQueue q, Supplier<T> action) {
        q.lock.lock();
        try {
            observer.locked(q.name);
            if (q.deleted) {
                throw noSuchQueue();
            }
            return action.get();
        } finally {
            q.lock.unlock();
        }
    }

    private void persist(SqsQueue q, SqsMessage m) {
        messageTable.put(q.name + "/" + m.id(), m.toRecord());
    }

    private void forget(SqsQueue q, SqsMessage m) {
        messageTable.remove(q.name + "/" + m.id());
    }

    // ---- queues

    /** Creates the queue, or returns the definition of the one that already has its name (and changes nothing). */
    QueueDefinition createOrGetExisting(QueueDefinition definition) {
        synchronized (registry) {
            SqsQueue existing = queues.get(definition.name());
            if (existing != null) {
                return existing.definition;
            }
            queueTable.put(definition.name(), definition.toRecord());
            queues.put(definition.name(), new SqsQueue(definition));
            return null;
        }
    }

    void deleteQueue(String name) {
        synchronized (registry) {
            SqsQueue q = queue(name);
            locked(q, () -> {
                q.deleted = true;
                q.messages.values().forEach(m -> forget(q, m));
                q.messages.clear();
                q.receivable.signalAll();
                return null;
            });
            queueTable.remove(name);
            queues.remove(name);
        }
    }

    QueueDefinition definition(String name) {
        return queue(name).definition;
    }

    /** Every queue's definition, by name. */
    List<QueueDefinition> definitions() {
        return new TreeSet<>(queues.keySet()).stream().map(queues::get).filter(q -> q != null).map(q -> q.definition).toList();
    }

    /** Replaces the queue's definition by {@code change} of the current one (attributes, tags). */
    QueueDefinition update(String name, UnaryOperator<QueueDefinition> change) {
        SqsQueue q = queue(name);
        return locked(q, () -> {
            QueueDefinition next = change.apply(q.definition);
            q.definition = next;
            queueTable.put(name, next.toRecord());
            return next;
        });
    }

    // ---- messages

    /**
     * Adds a message. A FIFO queue's message gets the next sequence number, unless one with its deduplication id was
     * sent within the deduplication interval: then nothing is added and that one is returned, as SQS answers.
     */
    SqsMessage add(String name, SqsMessage m) {
        SqsQueue q = queue(name);
        return locked(q, () -> {
            SqsMessage added = m;
            if (m.fifo() != null) {
                long now = now();
                q.recentlyDeduplicated.values().removeIf(earlier -> now - earlier.sentAt() >= DEDUPLICATION_INTERVAL_MILLIS);
                SqsMessage earlier = q.recentlyDeduplicated.get(m.fifo().deduplicationId());
                if (earlier != null) {
                    return earlier;
                }
                q.lastSequenceNumber = Math.max(q.lastSequenceNumber + 1, now * 1_000_000L); // rising across restarts too
                added = m.withFifo(m.fifo().withSequenceNumber(q.lastSequenceNumber));
                q.recentlyDeduplicated.put(m.fifo().deduplicationId(), added);
            }
            q.messages.put(added.id(), added);
            persist(q, added);
            q.receivable.signalAll();
            return added;
        });
    }

    /**
     * Takes up to {@code max} receivable messages, hiding each for {@code visibilitySeconds} (null: the queue's
     * VisibilityTimeout); waits up to {@code waitMillis} for the first (a long poll). On the way it deletes messages
     * older than the queue's MessageRetentionPeriod and moves those received maxReceiveCount times to the
     * RedrivePolicy's dead-letter queue.
     */
    List<SqsMessage> receive(String name, int max, Integer visibilitySeconds, long waitMillis) {
        SqsQueue q = queue(name);
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            List<SqsMessage> taken = new ArrayList<>();
            List<SqsMessage> dead = new ArrayList<>();
            QueueDefinition.Redrive redrive = locked(q, () -> {
                while (true) {
                    QueueDefinition def = q.definition;
                    int visibility = visibilitySeconds == null ? def.number("VisibilityTimeout") : visibilitySeconds;
                    long nextVisible = take(q, def, max, visibility, taken, dead);
                    long remaining = waitUntil - System.nanoTime();
                    if (!taken.isEmpty() || !dead.isEmpty() || remaining <= 0) {
                        return def.redrive();
                    }
                    long untilVisible = nextVisible == Long.MAX_VALUE ? remaining
                            : TimeUnit.MILLISECONDS.toNanos(Math.max(1, nextVisible - now()));
                    try {
                        q.receivable.awaitNanos(Math.min(remaining, untilVisible));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return def.redrive();
                    }
                    if (q.deleted) {
                        return null;
                    }
                }
            });
            if (!dead.isEmpty()) {
                deadLetter(redrive, dead);
            }
            if (!taken.isEmpty() || dead.isEmpty() || System.nanoTime() >= waitUntil || Thread.currentThread().isInterrupted()) {
                return taken;
            }
        }
    }

    /** One pass over the queue under its lock; returns when the next invisible message becomes visible (or MAX_VALUE). */
    private long take(SqsQueue q, QueueDefinition def, int max, int visibilitySeconds, List<SqsMessage> taken,
                      List<SqsMessage> dead) {
        long now = now();
        long retentionMillis = def.number("MessageRetentionPeriod") * 1000L;
        QueueDefinition.Redrive redrive = def.redrive();
        long nextVisible = Long.MAX_VALUE;
        Set<String> groupsInFlight = new HashSet<>(); // a FIFO group with a message in flight gives out no other
        for (SqsMessage m : q.messages.values()) {
            if (m.groupId() != null && m.visibleAt() > now && m.receiveCount() > 0) {
                groupsInFlight.add(m.groupId());
            }
        }
        for (Iterator<Map.Entry<String, SqsMessage>> it = q.messages.entrySet().iterator(); it.hasNext() && taken.size() < max; ) {
            Map.Entry<String, SqsMessage> e = it.next();
            SqsMessage m = e.getValue();
            if (now - m.sentAt() >= retentionMillis) {
                it.remove(); // MessageRetentionPeriod: SQS deletes it, received or not
                forget(q, m);
            } else if (m.visibleAt() > now) {
                nextVisible = Math.min(nextVisible, m.visibleAt());
            } else if (m.groupId() != null && groupsInFlight.contains(m.groupId())) {
                continue;
            } else if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()) {
                it.remove();
                forget(q, m);
                dead.add(m);
            } else {
                SqsMessage received = m.received(now, visibilitySeconds);
                e.setValue(received);
                persist(q, received);
                taken.add(received);
            }
        }
        return nextVisible;
    }

    /** Moves messages to a dead-letter queue; a missing one drops them, as SQS does once retention expires. */
    private void deadLetter(QueueDefinition.Redrive redrive, List<SqsMessage> dead) {
        String name = redrive.deadLetterTargetArn().substring(redrive.deadLetterTargetArn().lastIndexOf(':') + 1);
        SqsQueue dlq = queues.get(name);
        if (dlq == null || !arn(name).equals(redrive.deadLetterTargetArn())) {
            return;
        }
        try {
            locked(dlq, () -> {
                for (SqsMessage m : dead) {
                    SqsMessage moved = m.deadLettered();
                    dlq.messages.put(moved.id(), moved);
                    persist(dlq, moved);
                }
                dlq.receivable.signalAll();
                return null;
            });
        } catch (AwsException deletedMeanwhile) {
            // dropped, as above
        }
    }

    /** Deletes the message a receipt handle names; an already deleted one is no error, as on SQS. */
    void delete(String name, String receiptHandle) {
        String id = messageId(receiptHandle);
        SqsQueue q = queue(name);
        locked(q, () -> {
            SqsMessage m = q.messages.remove(id);
            if (m != null) {
                forget(q, m);
                q.receivable.signalAll(); // its FIFO group may give out its next message
            }
            return null;
        });
    }

    void changeVisibility(String name, String receiptHandle, int seconds) {
        String id = messageId(receiptHandle);
        SqsQueue q = queue(name);
        locked(q, () -> {
            SqsMessage m = q.messages.get(id);
            long now = now();
            if (m == null || !receiptHandle.equals(m.receiptHandle()) || m.visibleAt() <= now) {
                throw new AwsException(400, "MessageNotInflight", "Message does not exist or is not available for visibility timeout change.");
            }
            SqsMessage changed = m.visibleAt(now + seconds * 1000L);
            q.messages.put(id, changed);
            persist(q, changed);
            q.receivable.signalAll();
            return null;
        });
    }

    void purge(String name) {
        SqsQueue q = queue(name);
        locked(q, () -> {
            q.messages.values().forEach(m -> forget(q, m));
            q.messages.clear();
            return null;
        });
    }

    /** The queue's message counts, after deleting what its retention period has expired. */
    Counts counts(String name) {
        SqsQueue q = queue(name);
        return locked(q, () -> {
            long now = now();
            long retentionMillis = q.definition.number("MessageRetentionPeriod") * 1000L;
            int visible = 0;
            int inFlight = 0;
            int delayed = 0;
            for (Iterator<SqsMessage> it = q.messages.values().iterator(); it.hasNext(); ) {
                SqsMessage m = it.next();
                if (now - m.sentAt() >= retentionMillis) {
                    it.remove();
                    forget(q, m);
                } else if (m.visibleAt() <= now) {
                    visible++;
                } else if (m.receiveCount() > 0) {
                    inFlight++;
                } else {
                    delayed++;
                }
            }
            return new Counts(visible, inFlight, delayed);
        });
    }

    private static String messageId(String receiptHandle) {
        String id = receiptHandle == null ? null : SqsMessage.idOf(receiptHandle);
        if (id == null) {
            throw new AwsException(400, "ReceiptHandleIsInvalid", "The input receipt handle \"" + receiptHandle
                    + "\" is not a valid receipt handle.");
        }
        return id;
    }
}
