package io.javeze.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    private List<Path> segments() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("journal-")).sorted().toList();
        }
    }

    private long journalLines() throws Exception {
        long n = 0;
        for (Path p : segments()) {
            n += Files.readAllLines(p).size();
        }
        return n;
    }

    @Test
    void aSaveJournalsOnlyTheRecordsThatChangedAndARestartReplaysThem() throws Exception {
        StateStore store = new StateStore(dir);
        ObjectNode doc = store.load("lambda");
        doc.putObject("functions").putObject("a").put("memory", 512);
        ((ObjectNode) doc.get("functions")).putObject("b").put("memory", 256);
        doc.put("counter", 1);
        store.save("lambda", doc);
        store.awaitDurable();
        long afterFirst = journalLines();
        ((ObjectNode) doc.get("functions").get("b")).put("memory", 1024);
        ((ObjectNode) doc.get("functions")).remove("a");
        store.save("lambda", doc);
        store.awaitDurable();
        assertThat(journalLines() - afterFirst).as("one record rewritten, one removed").isEqualTo(2);

        StateStore recovered = new StateStore(dir); // as after kill -9: no close, no snapshot
        assertThat(recovered.load("lambda")).isEqualTo(doc);
    }

    @Test
    void aLineTornByACrashIsIgnored() throws Exception {
        StateStore store = new StateStore(dir);
        Table t = store.table("sqs-messages");
        t.put("q/1", Json.object().put("body", "kept"));
        store.awaitDurable();
        Files.writeString(segments().get(0), "{\"t\":\"sqs-messages\",\"k\":\"q/2\",\"v\":{\"bo", StandardOpenOption.APPEND);
        assertThat(new StateStore(dir).table("sqs-messages").records()).containsOnlyKeys("q/1");
    }

    @Test
    void compactionWritesAPrivateSnapshotAndDropsTheSegmentsItCovers() throws Exception {
        StateStore store = new StateStore(dir);
        Table t = store.table("logs-events");
        for (int i = 0; i < 100; i++) {
            t.put("g\ns\n" + i, Json.object().put("message", "m" + i));
        }
        t.remove("g\ns\n0");
        store.compact();
        t.put("g\ns\n100", Json.object().put("message", "after the snapshot"));
        store.awaitDurable();
        assertThat(segments()).hasSize(1);
        assertThat(Files.readAllLines(segments().get(0))).hasSize(1);
        Path snapshot = dir.resolve("state/snapshot.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot))).isEqualTo("rw-------");
        var records = new StateStore(dir).table("logs-events").records();
        assertThat(records).hasSize(100).doesNotContainKey("g\ns\n0").containsKey("g\ns\n100");
        store.close();
        assertThat(new StateStore(dir).table("logs-events").records()).isEqualTo(records);
    }

    @Test
    void aWriterInterruptedWhileFlushingLeavesTheStoreWritableForEveryoneElse() throws Exception {
        StateStore store = new StateStore(dir);
        Table t = store.table("t");
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt(); // as an invocation thread cancelled at shutdown
            t.put("interrupted", Json.object().put("i", 1));
            store.awaitDurable();
        });
        interrupted.start();
        interrupted.join();
        t.put("after", Json.object().put("i", 2));
        store.awaitDurable();
        store.close();
        assertThat(new StateStore(dir).table("t").records()).containsOnlyKeys("interrupted", "after");
    }

    @Test
    void concurrentWritersAreAllDurableWhenTheyReturn() throws Exception {
        StateStore store = new StateStore(dir);
        Table t = store.table("t");
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    t.put(writer + "/" + i, Json.object().put("i", i));
                    store.awaitDurable();
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(new StateStore(dir).table("t").records()).hasSize(400);
    }

    @Test
    void aDataDirectoryFromBeforeTheJournalIsReadAndMigrated() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/iam.json"), "{\"roles\":{\"r\":{\"arn\":\"x\"}}}", StandardCharsets.UTF_8);
        StateStore store = new StateStore(dir);
        ObjectNode doc = store.load("iam");
        assertThat(doc.get("roles").get("r").get("arn").asText()).isEqualTo("x");
        store.save("iam", doc);
        store.awaitDurable();
        Files.delete(dir.resolve("state/iam.json"));
        assertThat(new StateStore(dir).load("iam")).isEqualTo(doc);
    }
}
