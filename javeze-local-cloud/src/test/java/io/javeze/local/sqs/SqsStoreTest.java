package io.javeze.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQS store: per-queue locking, retention, and what a restart finds in the journal. */
class SqsStoreTest {
    /** Only guards against a hang: nothing here measures time. */
    private static final long HANG_GUARD_SECONDS = 30;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    private SqsStore store(StateStore state) {
        return new SqsStore(state, "us-east-1", clock::get);
    }

    private QueueDefinition queue(SqsStore store, String name, Map<String, String> attributes) {
        QueueDefinition d = QueueDefinition.create(name, attributes, Map.of(), store.now());
        assertThat(store.createOrGetExisting(d)).isNull();
        return d;
    }

    private static SqsMessage message(SqsStore store, String body) {
        return SqsMessage.sent(body, Map.of(), store.now(), 0);
    }

    @Test
    void operationsOnOtherQueuesProceedWhileOneQueueIsHeld() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (StateStore state = new StateStore(dir)) {
            SqsStore store = store(state);
            queue(store, "held", Map.of());
            queue(store, "free", Map.of());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            store.observeLocks(queue -> {
                if (queue.equals("held") && first.compareAndSet(true, false)) {
                    holding.countDown();
                    await(release);
                }
            });
            CompletableFuture<Void> heldSend = CompletableFuture.runAsync(() -> store.add("held", message(store, "first")), threads);
            assertThat(holding.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<List<SqsMessage>> otherQueue = CompletableFuture.supplyAsync(() -> {
                store.add("free", message(store, "elsewhere"));
                store.update("free", d -> d.withTags(Map.of("team", "web"), List.of()));
                return store.receive("free", 10, null, 0);
            }, threads);
            assertThat(otherQueue.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("the other queue is not held up")
                    .extracting(SqsMessage::body).containsExactly("elsewhere");
            assertThat(store.definition("free").tags()).containsEntry("team", "web");

            CompletableFuture<Void> heldTag = CompletableFuture.runAsync(
                    () -> store.update("held", d -> d.withTags(Map.of("k", "v"), List.of())), threads);
            while (!store.waitingFor("held")) {
                Thread.onSpinWait(); // until the tag operation queues for the held queue's lock
            }
            assertThat(heldTag).as("tagging waits for the held queue's lock").isNotDone();
            assertThat(heldSend).isNotDone();

            release.countDown();
            heldSend.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            heldTag.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(store.definition("held").tags()).containsEntry("k", "v");
            assertThat(store.receive("held", 10, null, 0)).extracting(SqsMessage::body).containsExactly("first");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void messagesOlderThanTheRetentionPeriodAreDeletedReceivedOrNot() {
        try (StateStore state = new StateStore(dir)) {
            SqsStore store = store(state);
            queue(store, "short", Map.of("MessageRetentionPeriod", "60"));
            store.add("short", message(store, "in flight"));
            assertThat(store.receive("short", 1, 600, 0)).hasSize(1);
            clock.addAndGet(30_000);
            store.add("short", message(store, "younger"));
            assertThat(store.counts("short")).isEqualTo(new SqsStore.Counts(1, 1, 0));

            clock.addAndGet(31_000); // the first message is 61 s old, the second 31 s
            assertThat(store.counts("short")).isEqualTo(new SqsStore.Counts(1, 0, 0));
            clock.addAndGet(30_000);
            assertThat(store.receive("short", 10, null, 0)).isEmpty();
            assertThat(state.table(SqsStore.MESSAGES).records()).as("expired messages leave the journal too").isEmpty();
        }
    }

    @Test
    void aRestartFindsInFlightMessagesWithTheirReceiveCountsAndHandles() {
        SqsMessage received;
        try (StateStore state = new StateStore(dir)) {
            SqsStore store = store(state);
            queue(store, "jobs", Map.of("VisibilityTimeout", "60"));
            store.add("jobs", message(store, "a"));
            store.add("jobs", message(store, "b"));
            received = store.receive("jobs", 1, null, 0).get(0);
            store.update("jobs", d -> d.withTags(Map.of("team", "web"), List.of()));
            state.awaitDurable(); // as the HTTP layer does before answering
        }
        try (StateStore state = new StateStore(dir)) {
            SqsStore store = store(state);
            assertThat(store.definition("jobs").tags()).containsEntry("team", "web");
            assertThat(store.counts("jobs")).isEqualTo(new SqsStore.Counts(1, 1, 0));
            store.changeVisibility("jobs", received.receiptHandle(), 0); // the handle from before the restart still works
            List<SqsMessage> again = store.receive("jobs", 10, null, 0);
            assertThat(again).extracting(SqsMessage::body).containsExactlyInAnyOrder("a", "b");
            assertThat(again).filteredOn(m -> m.id().equals(received.id())).singleElement()
                    .extracting(SqsMessage::receiveCount).isEqualTo(2);
        }
    }

    @Test
    void queueDefinitionsFromTheStateDocumentAreMigrated() {
        try (StateStore state = new StateStore(dir)) {
            state.save("sqs", Json.object().set("queues", Json.object().set("old", Json.object()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("attributes", Json.object().put("VisibilityTimeout", "7"))
                    .set("tags", Json.object()))));
            SqsStore store = store(state);
            assertThat(store.definition("old").number("VisibilityTimeout")).isEqualTo(7);
            assertThat(SqsStore.queueNames(state)).containsExactly("old");
            store.deleteQueue("old");
            assertThat(SqsStore.queueNames(state)).isEmpty();
            assertThat(store(state).definitions()).as("a deleted queue stays deleted").isEmpty();
        }
    }

    @Test
    void aDeletedQueueNoLongerTakesMessages() {
        try (StateStore state = new StateStore(dir)) {
            SqsStore store = store(state);
            queue(store, "gone", Map.of());
            store.add("gone", message(store, "x"));
            store.deleteQueue("gone");
            assertThatThrownBy(() -> store.add("gone", message(store, "y"))).isInstanceOf(AwsException.class)
                    .hasMessageContaining("does not exist");
            assertThat(state.table(SqsStore.MESSAGES).records()).isEmpty();
        }
    }
}
