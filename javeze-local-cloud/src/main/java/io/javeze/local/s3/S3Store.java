package io.javeze.local.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * S3's state and the one place that changes and persists it: buckets ({@code s3-buckets}, name → creation time) and
 * objects ({@code s3-objects}, {@code bucket\nkey} → {@link StoredObject}), each change one journal record; object bytes
 * are content-addressed blobs, written before any record names them. Each bucket has its own lock, held only for the
 * metadata change (never while bytes are written), so requests on different buckets run in parallel and a
 * conditional write is atomic within its bucket. Buckets are created and deleted under the store's lock, which is
 * always taken before a bucket's.
 */
final class S3Store {
    /** One bucket; its objects are guarded by the bucket itself. */
    static final class Bucket {
        final String name;
        final long created;
        private final TreeMap<String, StoredObject> objects = new TreeMap<>();
        private boolean deleted;

        private Bucket(String name, long created) {
            this.name = name;
            this.created = created;
        }
    }

    private final StateStore state;
    private final Table bucketTable;
    private final Table objectTable;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final MultipartUploads uploads;

    S3Store(StateStore state) {
        this.state = state;
        this.bucketTable = state.table("s3-buckets");
        this.objectTable = state.table("s3-objects");
        bucketTable.records().forEach((name, b) -> buckets.put(name, new Bucket(name, b.path("created").asLong())));
        objectTable.records().forEach((id, o) -> {
            int nl = id.indexOf('\n');
            Bucket b = buckets.get(id.substring(0, nl));
            if (b != null) {
                b.objects.put(id.substring(nl + 1), StoredObject.of(o));
            }
        });
        ObjectNode legacy = state.load("s3");
        this.uploads = new MultipartUploads(state, legacy.path("uploads"));
        migrate(legacy);
    }

    /** A data directory from before the typed store kept S3 in one state document ({@code s3}). */
    private void migrate(ObjectNode doc) {
        if (!doc.has("buckets") && !doc.has("uploads")) {
            return;
        }
        doc.path("buckets").fields().forEachRemaining(e -> {
            long created = java.time.Instant.parse(e.getValue().path("created").asText("1970-01-01T00:00:00Z")).toEpochMilli();
            createBucket(e.getKey(), created);
            e.getValue().path("objects").fields().forEachRemaining(o ->
                    put(e.getKey(), o.getKey(), existing -> StoredObject.of(o.getValue())));
        });
        state.save("s3", Json.object());
    }

    MultipartUploads uploads() {
        return uploads;
    }

    StateStore blobs() {
        return state;
    }

    Path blob(String hex) {
        return state.blob(hex);
    }

    // ---- buckets

    /** Creates a bucket; false when it exists already. */
    synchronized boolean createBucket(String name, long created) {
        if (buckets.containsKey(name)) {
            return false;
        }
        bucketTable.put(name, Json.object().put("created", created));
        buckets.put(name, new Bucket(name, created));
        return true;
    }

    /** Deletes an empty bucket and aborts the uploads into it. */
    void deleteBucket(String name) {
        synchronized (this) {
            Bucket b = bucket(name);
            synchronized (b) {
                if (!b.objects.isEmpty()) {
                    throw new AwsException(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
                }
                b.deleted = true;
                buckets.remove(name);
                bucketTable.remove(name);
            }
        }
        uploads.discardAll(name);
    }

    Bucket bucket(String name) {
        Bucket b = name == null ? null : buckets.get(name);
        if (b == null) {
            throw new AwsException(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        return b;
    }

    /** The buckets by name. */
    List<Bucket> buckets() {
        List<Bucket> list = new ArrayList<>(buckets.values());
        list.sort((a, b) -> a.name.compareTo(b.name));
        return list;
    }

    // ---- objects

    /** The object, or null. */
    StoredObject find(String bucket, String key) {
        Bucket b = bucket(bucket);
        synchronized (b) {
            return b.objects.get(key);
        }
    }

    /** The object; NoSuchKey when there is none. */
    StoredObject get(String bucket, String key) {
        StoredObject o = find(bucket, key);
        if (o == null) {
            throw noSuchKey();
        }
        return o;
    }

    /**
     * Writes {@code key} to what {@code change} makes of the object there now (null if none), atomically: the change
     * runs under the bucket's lock, so it may refuse (throw) on what it finds, as conditional writes do.
     */
    StoredObject put(String bucket, String key, UnaryOperator<StoredObject> change) {
        Bucket b = bucket(bucket);
        synchronized (b) {
            if (b.deleted) {
                throw bucketGone();
            }
            StoredObject next = change.apply(b.objects.get(key));
            b.objects.put(key, next);
            objectTable.put(bucket + "\n" + key, next.json());
            return next;
        }
    }

    /** Changes an existing object (its tags); NoSuchKey when there is none. */
    StoredObject update(String bucket, String key, UnaryOperator<StoredObject> change) {
        return put(bucket, key, existing -> {
            if (existing == null) {
                throw noSuchKey();
            }
            return change.apply(existing);
        });
    }

    /** Deletes keys (missing ones count as deleted); {@code check} sees each existing object first and may refuse. */
    void delete(String bucket, Collection<String> keys, BiConsumer<String, StoredObject> check) {
        Bucket b = bucket(bucket);
        synchronized (b) {
            for (String key : keys) {
                StoredObject existing = b.objects.get(key);
                if (existing != null) {
                    check.accept(key, existing);
                    b.objects.remove(key);
                    objectTable.remove(bucket + "\n" + key);
                }
            }
        }
    }

    /** Reads the bucket's objects (a consistent view: no write happens meanwhile). */
    <T> T read(String bucket, Function<NavigableMap<String, StoredObject>, T> reader) {
        Bucket b = bucket(bucket);
        synchronized (b) {
            return reader.apply(java.util.Collections.unmodifiableNavigableMap(b.objects));
        }
    }

    /** Object bytes for Lambda's S3Bucket/S3Key code source, or null. */
    byte[] objectBytes(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            return null;
        }
        StoredObject o;
        synchronized (b) {
            o = b.objects.get(key);
        }
        return o == null ? null : state.readBlob(o.blob());
    }

    static AwsException noSuchKey() {
        return new AwsException(404, "NoSuchKey", "The specified key does not exist.");
    }

    private static AwsException bucketGone() {
        return new AwsException(404, "NoSuchBucket", "The specified bucket does not exist");
    }
}
