package io.javeze.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3StoreTest {
    @TempDir
    Path dir;

    @Test
    void objectsWithMetadataAndTagsAndUploadsWithPartsAreBackAfterACrash() {
        StateStore state = new StateStore(dir);
        S3Store store = new S3Store(state);
        store.createBucket("bkt", 1000);
        String blob = state.putBlob("hello".getBytes(StandardCharsets.UTF_8));
        store.put("bkt", "a/b.txt", existing -> new StoredObject(blob, 5, "\"e\"", 2000, "text/plain", Map.of("color", "blue"),
                Map.of("t", "1")));
        var upload = store.uploads().create("bkt", "big", new StoredObject(null, 0, null, 0, "text/csv", Map.of(), Map.of()));
        var staged = store.uploads().stage("bkt", "big", upload.id(), 2, new byte[] {1, 2, 3});
        store.uploads().record("bkt", "big", upload.id(), staged);
        state.awaitDurable(); // acknowledged; the store is never closed, as after kill -9

        S3Store back = new S3Store(new StateStore(dir));
        StoredObject o = back.get("bkt", "a/b.txt");
        assertThat(o.contentType()).isEqualTo("text/plain");
        assertThat(o.metadata()).containsEntry("color", "blue");
        assertThat(o.tags()).containsEntry("t", "1");
        assertThat(back.objectBytes("bkt", "a/b.txt")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(back.uploads().uploads("bkt", "")).extracting(MultipartUploads.Upload::id).containsExactly(upload.id());
        assertThat(back.uploads().parts("bkt", "big", upload.id())).extracting(MultipartUploads.Part::number).containsExactly(2);
        assertThat(back.buckets()).extracting(b -> b.created).containsExactly(1000L);
    }

    @Test
    void theStateDocumentOfEarlierVersionsIsMigrated() throws Exception {
        StateStore state = new StateStore(dir);
        String blob = state.putBlob("x".getBytes(StandardCharsets.UTF_8));
        ObjectNode doc = Json.object();
        ObjectNode object = doc.putObject("buckets").putObject("old").put("created", "2025-01-01T00:00:00.000Z")
                .putObject("objects").putObject("k");
        object.put("blob", blob).put("size", 1).put("etag", "\"e\"").put("modified", 5).put("contentType", "text/plain");
        object.putObject("metadata").put("x-amz-meta-a", "1");
        object.putObject("tags").put("t", "v");
        ObjectNode upload = doc.putObject("uploads").putObject("u1").put("bucket", "old").put("key", "big").put("initiated", 7);
        upload.putObject("object").put("contentType", "text/csv");
        upload.putObject("parts").putObject("1").put("md5", "00").put("size", 3).put("modified", 8);
        Files.createDirectories(dir.resolve("s3-uploads/u1"));
        state.save("s3", doc);

        S3Store store = new S3Store(state);
        assertThat(store.get("old", "k").metadata()).isEqualTo(Map.of("a", "1"));
        assertThat(store.get("old", "k").tags()).isEqualTo(Map.of("t", "v"));
        assertThat(store.uploads().parts("old", "big", "u1")).hasSize(1);
        assertThat(dir.resolve("s3-uploads/u1")).as("a migrated upload's parts are not orphans").exists();
        assertThat(state.load("s3").has("buckets")).isFalse();
        state.close(); // as a stopped cloud: the migration's records are on disk
        assertThat(new S3Store(new StateStore(dir)).get("old", "k").etag()).isEqualTo("\"e\"");
    }

    @Test
    void aConditionalCreateRacedByManyThreadsSucceedsOnce() throws Exception {
        S3Store store = new S3Store(new StateStore(dir));
        store.createBucket("bkt", 0);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String etag = "\"" + i + "\"";
            done.add(pool.submit(() -> {
                start.await();
                try {
                    store.put("bkt", "k", existing -> {
                        if (existing != null) {
                            throw new AwsException(412, "PreconditionFailed", "taken");
                        }
                        return new StoredObject("a".repeat(64), 0, etag, 0, "t", Map.of(), Map.of());
                    });
                } catch (AwsException e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(refused.get()).isEqualTo(threads - 1);
    }

    @Test
    void aBucketIsDeletedOnlyEmptyAndTakesItsUploadsWithIt() {
        S3Store store = new S3Store(new StateStore(dir));
        store.createBucket("bkt", 0);
        assertThat(store.createBucket("bkt", 0)).isFalse();
        store.put("bkt", "k", existing -> new StoredObject("a".repeat(64), 0, "\"e\"", 0, "t", Map.of(), Map.of()));
        var upload = store.uploads().create("bkt", "big", new StoredObject(null, 0, null, 0, "t", Map.of(), Map.of()));
        assertThatThrownBy(() -> store.deleteBucket("bkt"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("BucketNotEmpty"));
        store.delete("bkt", List.of("k", "missing"), (k, o) -> { });
        store.deleteBucket("bkt");
        assertThat(store.uploads().uploads("bkt", "")).isEmpty();
        assertThatThrownBy(() -> store.uploads().parts("bkt", "big", upload.id()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchUpload"));
        assertThatThrownBy(() -> store.find("bkt", "k"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
    }
}
