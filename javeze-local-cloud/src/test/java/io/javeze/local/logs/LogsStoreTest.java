package io.javeze.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** The Logs store: what a restart finds, the old document's migration, per-group locking and retention. */
class LogsStoreTest {
    /** Only guards against a hang: nothing here measures time. */
    private static final long HANG_GUARD_SECONDS = 30;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);

    private LogsStore store(StateStore state) {
        return new LogsStore(state, clock::get);
    }

    private static List<LogsStore.InputEvent> events(long timestamp, String... messages) {
        return java.util.Arrays.stream(messages).map(m -> new LogsStore.InputEvent(timestamp, m)).toList();
    }

    @Test
    void aRestartFindsGroupsStreamsAndEventsWithTheSameIds() {
        List<String> ids;
        try (StateStore state = new StateStore(dir)) {
            LogsStore store = store(state);
            store.createGroup("/app", Map.of("team", "web"));
            store.updateGroup("/app", g -> g.withRetention(7));
            store.createStream("/app", "s1");
            clock.addAndGet(5);
            LogStream after = store.put("/app", "s1", List.of(new LogsStore.InputEvent(clock.get() - 3, "b"),
                    new LogsStore.InputEvent(clock.get() - 4, "a")));
            assertThat(after.firstEventTimestamp()).isEqualTo(clock.get() - 4);
            assertThat(after.lastEventTimestamp()).isEqualTo(clock.get() - 3);
            assertThat(after.lastIngestionTime()).isEqualTo(clock.get());
            store.append("/aws/lambda/fn", "2026/12/02/[$LATEST]abc", clock.get(), "START");
            ids = store.events("/app", "s1").stream().map(e -> e.eventId("/app", "s1")).toList();
        }
        LogsStore again = store(new StateStore(dir));
        assertThat(again.groups("")).extracting(LogGroup::name).containsExactly("/app", "/aws/lambda/fn");
        assertThat(again.group("/app").retentionInDays()).isEqualTo(7);
        assertThat(again.group("/app").tags()).containsEntry("team", "web");
        LogStream s1 = again.streams("/app").get(0);
        assertThat(s1.firstEventTimestamp()).isEqualTo(clock.get() - 4);
        assertThat(s1.lastIngestionTime()).isEqualTo(clock.get());
        assertThat(s1.nextSequence()).isEqualTo(3);
        assertThat(again.events("/app", "s1")).extracting(LogEvent::message).containsExactly("b", "a");
        assertThat(again.events("/app", "s1").stream().map(e -> e.eventId("/app", "s1"))).containsExactlyElementsOf(ids);
        assertThat(again.events("/aws/lambda/fn", "2026/12/02/[$LATEST]abc")).extracting(LogEvent::message).containsExactly("START");

        again.put("/app", "s1", events(clock.get(), "c"));
        assertThat(again.events("/app", "s1")).extracting(LogEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theOldStateDocumentIsMigratedOnce() {
        try (StateStore state = new StateStore(dir)) {
            ObjectNode doc = Json.object();
            ObjectNode group = doc.putObject("groups").putObject("/old");
            group.put("creationTime", 42).put("retentionInDays", 30);
            ObjectNode streams = group.putObject("streams");
            streams.putObject("journaled").put("creationTime", 43);
            streams.putObject("inline").put("creationTime", 44).putArray("events")
                    .add(Json.object().put("timestamp", clock.get() - 10).put("message", "inline one"))
                    .add(Json.object().put("timestamp", clock.get() - 5).put("message", "inline two"));
            state.save("logs", doc);
            // events already journaled apart, under the same keys the store uses
            state.table(LogsStore.EVENTS).put(LogEvent.key("/old", "journaled", 1), Json.object()
                    .put("timestamp", clock.get() - 20).put("message", "journaled one").put("ingestionTime", clock.get() - 19));
        }
        try (StateStore state = new StateStore(dir)) {
            LogsStore store = store(state);
            assertThat(store.group("/old").creationTime()).isEqualTo(42);
            assertThat(store.group("/old").retentionInDays()).isEqualTo(30);
            assertThat(store.streams("/old")).extracting(LogStream::name).containsExactly("inline", "journaled");
            assertThat(store.events("/old", "inline")).extracting(LogEvent::message).containsExactly("inline one", "inline two");
            assertThat(store.events("/old", "journaled")).extracting(LogEvent::message).containsExactly("journaled one");
            LogStream journaled = store.streams("/old").get(1);
            assertThat(journaled.creationTime()).isEqualTo(43);
            assertThat(journaled.firstEventTimestamp()).isEqualTo(clock.get() - 20);
            assertThat(journaled.lastIngestionTime()).isEqualTo(clock.get() - 19);
            assertThat(journaled.nextSequence()).isEqualTo(2);
            assertThat(state.load("logs").path("groups").size()).as("the document is emptied").isZero();
        }
        LogsStore again = store(new StateStore(dir));
        assertThat(again.events("/old", "inline")).as("nothing is migrated twice").hasSize(2);
    }

    @Test
    void aHeldGroupDoesNotHoldUpWritesToAnotherGroup() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (StateStore state = new StateStore(dir)) {
            LogsStore store = store(state);
            store.createGroup("/held", Map.of());
            store.createStream("/held", "s");
            store.createGroup("/free", Map.of());
            store.createStream("/free", "s");
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean first = new AtomicBoolean(true);
            store.observeLocks(group -> {
                if (group.equals("/held") && first.compareAndSet(true, false)) {
                    holding.countDown();
                    await(release);
                }
            });
            CompletableFuture<LogStream> heldPut = CompletableFuture.supplyAsync(
                    () -> store.put("/held", "s", events(clock.get(), "first")), threads);
            assertThat(holding.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<List<LogEvent>> otherGroup = CompletableFuture.supplyAsync(() -> {
                store.put("/free", "s", events(clock.get(), "elsewhere"));
                store.append("/aws/lambda/other", "s", clock.get(), "function output");
                return store.events("/free", "s");
            }, threads);
            assertThat(otherGroup.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).as("the other group is not held up")
                    .extracting(LogEvent::message).containsExactly("elsewhere");

            CompletableFuture<Void> heldAppend = CompletableFuture.runAsync(
                    () -> store.append("/held", "s", clock.get(), "second"), threads);
            while (!store.waitingFor("/held")) {
                Thread.onSpinWait(); // until the append queues for the held group's lock
            }
            assertThat(heldAppend).as("a write to the held group waits for its lock").isNotDone();
            assertThat(heldPut).isNotDone();

            release.countDown();
            heldPut.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            heldAppend.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            assertThat(store.events("/held", "s")).extracting(LogEvent::message).containsExactly("first", "second");
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
    void eventsOlderThanTheRetentionAreGoneFromReadsAndFromTheJournal() {
        try (StateStore state = new StateStore(dir)) {
            LogsStore store = store(state);
            store.createGroup("/r", Map.of());
            store.createStream("/r", "s");
            store.put("/r", "s", events(clock.get() - 3 * DAY, "old"));
            store.put("/r", "s", events(clock.get(), "new"));
            store.updateGroup("/r", g -> g.withRetention(1));
            assertThat(store.events("/r", "s")).extracting(LogEvent::message).containsExactly("new");
            store.put("/r", "s", events(clock.get(), "newer"));
            assertThat(state.table(LogsStore.EVENTS).records()).hasSize(2);
            store.updateGroup("/r", g -> g.withRetention(null));
            assertThat(store.events("/r", "s")).extracting(LogEvent::message).containsExactly("new", "newer");
        }
    }

    @Test
    void aDeletedGroupTakesItsStreamsAndEventsAndWritesToItFail() {
        try (StateStore state = new StateStore(dir)) {
            LogsStore store = store(state);
            store.createGroup("/d", Map.of());
            store.createStream("/d", "s");
            store.put("/d", "s", events(clock.get(), "x"));
            assertThatThrownBy(() -> store.createGroup("/d", Map.of())).isInstanceOf(AwsException.class)
                    .hasMessageContaining("already exists");
            store.deleteGroup("/d");
            assertThatThrownBy(() -> store.put("/d", "s", events(clock.get(), "y"))).isInstanceOf(AwsException.class)
                    .hasMessageContaining("log group does not exist");
            assertThat(state.table(LogsStore.EVENTS).records()).isEmpty();
            assertThat(state.table(LogsStore.STREAMS).records()).isEmpty();
        }
    }
}
