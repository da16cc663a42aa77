package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.config.AtomicFiles;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.store.PrivateFiles;
import io.javeze.local.store.StateStore;
import io.javeze.local.store.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * S3 multipart uploads, the part of the {@link S3Store} that holds them: uploads ({@code s3-uploads}, id → the upload
 * and the object it will create) and their parts ({@code s3-upload-parts}, {@code id\nnumber} → MD5, size, time), each
 * change one journal record. A part's bytes are a file {@code s3-uploads/<uploadId>/<partNumber>-<md5>} in the data
 * directory, written atomically without any lock so parts upload in parallel; each upload has its own lock, under
 * which parts are recorded and the upload completed (its parts streamed into one content-addressed blob, so no more
 * than one buffer of an object is ever in memory) or aborted.
 */
final class MultipartUploads {
    /** S3's minimum size of every part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    record Upload(String id, String bucket, String key, long initiated, StoredObject object) {}

    record Part(int number, String md5Hex, long size, long modified) {
        String etag() {
            return "\"" + md5Hex + "\"";
        }
    }

    /** A part's bytes on disk, not yet recorded. */
    record StagedPart(int number, Path file, String md5Hex, long size) {}

    /** A part a CompleteMultipartUpload request lists. */
    record Chosen(int number, String etag) {}

    /** An upload and its parts, guarded by itself; {@code gone} once completed or aborted. */
    private static final class Slot {
        final Upload upload;
        final TreeMap<Integer, Part> parts = new TreeMap<>();
        boolean gone;

        Slot(Upload upload) {
            this.upload = upload;
        }
    }

    private final StateStore state;
    private final Table uploadTable;
    private final Table partTable;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Path dir;

    /** @param legacy the uploads of a state document from before the typed store (migrated), or a missing node */
    MultipartUploads(StateStore state, JsonNode legacy) {
        this.state = state;
        this.uploadTable = state.table("s3-uploads");
        this.partTable = state.table("s3-upload-parts");
        this.dir = state.root().resolve("s3-uploads");
        uploadTable.records().forEach((id, u) -> slots.put(id, new Slot(new Upload(id, u.path("bucket").asText(),
                u.path("key").asText(), u.path("initiated").asLong(), StoredObject.of(u.path("object"))))));
        partTable.records().forEach((id, p) -> {
            String[] parts = id.split("\n", 2);
            Slot slot = slots.get(parts[0]);
            if (slot != null) {
                int n = Integer.parseInt(parts[1]);
                slot.parts.put(n, new Part(n, p.path("md5").asText(), p.path("size").asLong(), p.path("modified").asLong()));
            }
        });
        migrate(legacy);
        removeOrphans();
    }

    private void migrate(JsonNode uploads) {
        uploads.fields().forEachRemaining(e -> {
            JsonNode u = e.getValue();
            Upload upload = new Upload(e.getKey(), u.path("bucket").asText(), u.path("key").asText(), u.path("initiated").asLong(),
                    StoredObject.of(u.path("object")));
            put(upload);
            Slot slot = slots.get(upload.id());
            u.path("parts").fields().forEachRemaining(p -> record(slot, new Part(Integer.parseInt(p.getKey()),
                    p.getValue().path("md5").asText(), p.getValue().path("size").asLong(), p.getValue().path("modified").asLong())));
        });
    }

    Upload create(String bucket, String key, StoredObject object) {
        String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        Upload upload = new Upload(id, bucket, key, System.currentTimeMillis(), object);
        put(upload);
        return upload;
    }

    private void put(Upload upload) {
        Slot slot = new Slot(upload);
        synchronized (slot) {
            uploadTable.put(upload.id(), Json.object().put("bucket", upload.bucket()).put("key", upload.key())
                    .put("initiated", upload.initiated()).set("object", upload.object().json()));
            slots.put(upload.id(), slot);
        }
    }

    /** Writes a part's bytes to its own file (no lock held); the upload must exist. */
    StagedPart stage(String bucket, String key, String uploadId, int number, byte[] body) {
        slot(bucket, key, uploadId);
        String md5 = HexFormat.of().formatHex(digest("MD5").digest(body));
        Path file = dir.resolve(uploadId).resolve(number + "-" + md5);
        try {
            PrivateFiles.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, body);
        return new StagedPart(number, file, md5, body.length);
    }

    /** Records a staged part; a part uploaded again replaces the earlier one, as on S3. */
    Part record(String bucket, String key, String uploadId, StagedPart staged) {
        Slot slot = slots.get(uploadId);
        if (slot == null || !matches(slot.upload, bucket, key)) {
            delete(staged.file()); // aborted or completed while the part was being written
            throw noSuchUpload();
        }
        synchronized (slot) {
            if (slot.gone) {
                delete(staged.file());
                throw noSuchUpload();
            }
            Part previous = slot.parts.get(staged.number());
            if (previous != null && !previous.md5Hex().equals(staged.md5Hex())) {
                delete(dir.resolve(uploadId).resolve(staged.number() + "-" + previous.md5Hex()));
            }
            Part part = new Part(staged.number(), staged.md5Hex(), staged.size(), System.currentTimeMillis());
            record(slot, part);
            return part;
        }
    }

    private void record(Slot slot, Part part) {
        slot.parts.put(part.number(), part);
        partTable.put(partKey(slot.upload.id(), part.number()), Json.object().put("md5", part.md5Hex()).put("size", part.size())
                .put("modified", part.modified()));
    }

    /**
     * Completes an upload from the parts the request lists: they must be in ascending order, exist with the given
     * ETags, and all but the last be at least 5 MiB. The object's ETag is S3's: the MD5 of the parts' binary MD5s, a
     * dash and the number of parts. {@code install} stores the object (and may refuse it, leaving the upload as it was);
     * the upload is then forgotten.
     */
    StoredObject complete(String bucket, String key, String uploadId, List<Chosen> chosen, UnaryOperator<StoredObject> install) {
        Slot slot = slot(bucket, key, uploadId);
        synchronized (slot) {
            if (slot.gone) {
                throw noSuchUpload();
            }
            if (chosen.isEmpty()) {
                throw new AwsException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate "
                        + "against our published schema: CompleteMultipartUpload needs at least one Part");
            }
            List<Part> parts = new ArrayList<>();
            int previous = 0;
            for (Chosen c : chosen) {
                if (c.number() <= previous) {
                    throw new AwsException(400, "InvalidPartOrder",
                            "The list of parts was not in ascending order. Parts must be ordered by part number.");
                }
                previous = c.number();
                Part stored = slot.parts.get(c.number());
                if (stored == null || c.etag() == null || !stored.md5Hex().equals(c.etag().replace("\"", ""))) {
                    throw new AwsException(400, "InvalidPart", "One or more of the specified parts could not be found. The "
                            + "part may not have been uploaded, or the specified entity tag may not match the part's entity "
                            + "tag (part " + c.number() + ").");
                }
                parts.add(stored);
            }
            MessageDigest etags = digest("MD5");
            long size = 0;
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                if (i < parts.size() - 1 && p.size() < MIN_PART_SIZE) {
                    throw new AwsException(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed "
                            + "size (part " + p.number() + " has " + p.size() + " bytes; every part but the last needs "
                            + MIN_PART_SIZE + ")");
                }
                etags.update(HexFormat.of().parseHex(p.md5Hex()));
                size += p.size();
            }
            String blob = assemble(uploadId, parts);
            StoredObject object = install.apply(slot.upload.object().withContent(blob, size,
                    "\"" + HexFormat.of().formatHex(etags.digest()) + "-" + parts.size() + "\"", System.currentTimeMillis()));
            forget(slot);
            return object;
        }
    }

    /** Streams the parts into one file while hashing it, then hands it to the blob store under its SHA-256. */
    private String assemble(String uploadId, List<Part> parts) {
        Path assembled = dir.resolve(uploadId).resolve("assembled");
        MessageDigest sha = digest("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(assembled, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (Part p : parts) {
                try (FileChannel in = FileChannel.open(dir.resolve(uploadId).resolve(p.number() + "-" + p.md5Hex()),
                        StandardOpenOption.READ)) {
                    while (in.read(buffer.clear()) >= 0) {
                        buffer.flip();
                        sha.update(buffer.duplicate());
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                    }
                }
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state.putBlob(assembled, HexFormat.of().formatHex(sha.digest()));
    }

    /** AbortMultipartUpload: forgets the upload and deletes its part files. */
    void abort(String bucket, String key, String uploadId) {
        Slot slot = slot(bucket, key, uploadId);
        synchronized (slot) {
            if (slot.gone) {
                throw noSuchUpload();
            }
            forget(slot);
        }
    }

    /** Aborts every upload into a bucket being deleted. */
    void discardAll(String bucket) {
        for (Slot slot : slots.values()) {
            if (slot.upload.bucket().equals(bucket)) {
                synchronized (slot) {
                    if (!slot.gone) {
                        forget(slot);
                    }
                }
            }
        }
    }

    /** Under the slot's lock. */
    private void forget(Slot slot) {
        slot.gone = true;
        slots.remove(slot.upload.id());
        slot.parts.keySet().forEach(n -> partTable.remove(partKey(slot.upload.id(), n)));
        uploadTable.remove(slot.upload.id());
        deleteTree(dir.resolve(slot.upload.id()));
    }

    /** The upload and its parts in order. */
    List<Part> parts(String bucket, String key, String uploadId) {
        Slot slot = slot(bucket, key, uploadId);
        synchronized (slot) {
            return new ArrayList<>(slot.parts.values());
        }
    }

    /** The bucket's uploads in progress under a prefix, by key then age. */
    List<Upload> uploads(String bucket, String prefix) {
        List<Upload> list = new ArrayList<>();
        for (Slot slot : slots.values()) {
            if (slot.upload.bucket().equals(bucket) && slot.upload.key().startsWith(prefix)) {
                list.add(slot.upload);
            }
        }
        list.sort(Comparator.comparing(Upload::key).thenComparingLong(Upload::initiated));
        return list;
    }

    private Slot slot(String bucket, String key, String uploadId) {
        Slot slot = uploadId == null ? null : slots.get(uploadId);
        if (slot == null || !matches(slot.upload, bucket, key)) {
            throw noSuchUpload();
        }
        return slot;
    }

    private static boolean matches(Upload upload, String bucket, String key) {
        return upload.bucket().equals(bucket) && upload.key().equals(key);
    }

    private static String partKey(String uploadId, int number) {
        return uploadId + "\n" + number;
    }

    static AwsException noSuchUpload() {
        return new AwsException(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.");
    }

    /** Part directories no upload names: left by a crash between completing and deleting. */
    private void removeOrphans() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!slots.containsKey(entry.getFileName().toString())) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.isDirectory(path)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                delete(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(path);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an orphan part file: swept on the next start
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
