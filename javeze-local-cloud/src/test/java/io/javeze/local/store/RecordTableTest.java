package io.javeze.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordTableTest {
    @TempDir
    Path dir;

    private static RecordTable<Integer> counters(StateStore store) {
        return new RecordTable<>(store, "counters", JsonNode::asInt, IntNode::valueOf);
    }

    @Test
    void changesAreJournaledAndARestartFindsThem() {
        StateStore store = new StateStore(dir);
        RecordTable<Integer> table = counters(store);
        table.update("a", n -> 1);
        table.update("b", n -> 2);
        table.update("a", n -> n + 10);
        table.remove("b");
        store.awaitDurable();
        store.close();
        RecordTable<Integer> reopened = counters(new StateStore(dir));
        assertThat(reopened.get("a")).isEqualTo(11);
        assertThat(reopened.get("b")).isNull();
        assertThat(reopened.all()).containsExactly(11);
    }

    @Test
    void aRefusedChangeChangesNothing() {
        RecordTable<Integer> table = counters(new StateStore(dir));
        table.update("a", n -> 1);
        assertThatThrownBy(() -> table.update("a", n -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(table.get("a")).isEqualTo(1);
        assertThat(table.remove("missing")).isNull();
    }

    @Test
    void concurrentChangesOfOneKeyAreNeverLost() throws Exception {
        RecordTable<Integer> table = counters(new StateStore(dir));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 250; i++) {
                        table.update("n", n -> n == null ? 1 : n + 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(table.get("n")).isEqualTo(2000);
    }
}
