package io.javeze.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.daemon.Inventory;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaStoreTest {
    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static FunctionRecord function(String name) {
        FunctionRecord fn = new FunctionRecord(name);
        fn.config = Json.object().put("FunctionName", name).put("FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:" + name)
                .put("Runtime", "java21").put("Handler", "h").put("State", "Active").put("RevisionId", "r1").put("CodeSha256", "x");
        fn.codeBlob = "0".repeat(64);
        return fn;
    }

    @Test
    void functionsCreatedConcurrentlyAllExistWithTheirOwnStateAfterARestart() throws Exception {
        StateStore state = new StateStore(dir);
        LambdaStore store = new LambdaStore(state, "us-east-1");
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 56; i++) {
            String name = "fn-" + i;
            String n = Integer.toString(i);
            done.add(pool.submit(() -> {
                store.create(function(name));
                store.update(name, fn -> fn.tags.put("n", n));
                store.update(name, fn -> fn.config.put("Description", "function " + n));
                state.awaitDurable();
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(store.functions()).hasSize(56);
        state.close();

        StateStore reopened = new StateStore(dir);
        LambdaStore again = new LambdaStore(reopened, "us-east-1");
        assertThat(again.functions()).hasSize(56).allSatisfy(fn -> {
            String n = fn.name.substring("fn-".length());
            assertThat(fn.tags).containsExactlyEntriesOf(java.util.Map.of("n", n));
            assertThat(fn.config.get("Description").asText()).isEqualTo("function " + n);
        });
        reopened.close();
    }

    @Test
    void aChangeToOneFunctionDoesNotWaitWhileAnotherFunctionsLockIsHeld() throws Exception {
        LambdaStore store = new LambdaStore(new StateStore(dir), "us-east-1");
        store.create(function("a"));
        store.create(function("b"));
        Future<?> onB;
        try (LambdaLocks held = LambdaLocks.hold(store, "b")) {
            onB = pool.submit(() -> store.update("b", fn -> fn.tags.put("second", "yes")));
            Future<?> onA = pool.submit(() -> store.update("a", fn -> fn.tags.put("changed", "yes")));
            onA.get(30, TimeUnit.SECONDS); // would never finish if A waited for B's lock
            assertThat(store.function("a").tags).containsEntry("changed", "yes");
            assertThat(store.function("b").config.get("FunctionName").asText()).as("B stays readable").isEqualTo("b");
            assertThat(onB).as("a second change to B waits for B's lock").isNotDone();
        }
        onB.get(30, TimeUnit.SECONDS);
        assertThat(store.function("b").tags).containsEntry("second", "yes");
    }

    @Test
    void concurrentCreatesOfOneNameMakeOneFunctionAndConflicts() throws Exception {
        LambdaStore store = new LambdaStore(new StateStore(dir), "us-east-1");
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            attempts.add(pool.submit(() -> {
                try {
                    store.create(function("same"));
                    return true;
                } catch (AwsException e) {
                    assertThat(e.code()).isEqualTo("ResourceConflictException");
                    return false;
                }
            }));
        }
        int created = 0;
        for (Future<Boolean> a : attempts) {
            created += a.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        assertThat(store.functions()).extracting(fn -> fn.name).containsExactly("same");
    }

    @Test
    void aChangeThatFailsLeavesTheFunctionAsItWas() {
        StateStore state = new StateStore(dir);
        LambdaStore store = new LambdaStore(state, "us-east-1");
        store.create(function("a"));
        assertThatThrownBy(() -> store.update("a", fn -> {
            fn.tags.put("half", "done");
            throw AwsException.invalidParameter("refused after changing");
        })).hasMessageContaining("refused");
        assertThat(store.function("a").tags).isEmpty();
        state.close();
        assertThat(new LambdaStore(new StateStore(dir), "us-east-1").function("a").tags).isEmpty();
    }

    @Test
    void aDeletedFunctionIsGoneAndItsNameFreeAgain() {
        LambdaStore store = new LambdaStore(new StateStore(dir), "us-east-1");
        store.create(function("a"));
        store.delete("a", fn -> { });
        assertThatThrownBy(() -> store.update("a", fn -> null)).isInstanceOf(AwsException.class).hasMessageContaining("Function not found");
        store.create(function("a"));
        assertThat(store.functionOrNull("a")).isNotNull();
    }

    @Test
    void aDataDirectoryFromBeforeLambdasTablesIsMigratedAndListed() {
        StateStore state = new StateStore(dir);
        ObjectNode doc = Json.object();
        doc.putObject("functions").set("old", function("old").toJson());
        doc.putObject("layers").set("deps", LayerRecord.empty("deps").with(new LayerRecord.Version(1,
                Json.object().put("Version", 1), "1".repeat(64))).toJson());
        doc.putObject("mappings").set("u-1", new MappingDefinition("u-1", "arn:aws:sqs:us-east-1:000000000000:q",
                "arn:aws:lambda:us-east-1:000000000000:function:old", 10, 0, true, null, null, 1.0, 0, false).toJson());
        state.save("lambda", doc);
        state.close();
        assertThat(Inventory.read(dir).functions()).extracting(Inventory.Function::name).containsExactly("old");

        StateStore reopened = new StateStore(dir);
        LambdaStore store = new LambdaStore(reopened, "us-east-1");
        assertThat(store.function("old").config.get("Runtime").asText()).isEqualTo("java21");
        assertThat(store.layer("deps").versions()).containsOnlyKeys(1);
        assertThat(store.mapping("u-1").functionArn()).endsWith(":old");
        assertThat(reopened.load("lambda")).as("the old document is gone").isEmpty();
        reopened.close();
        assertThat(Inventory.read(dir).functions()).extracting(Inventory.Function::name).containsExactly("old");
    }
}
