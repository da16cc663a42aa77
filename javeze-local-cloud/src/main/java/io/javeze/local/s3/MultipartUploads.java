package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.AtomicFiles;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.http.Xml;
import io.javeze.local.store.PrivateFiles;
import io.javeze.local.store.StateStore;
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
import java.util.UUID;

/**
 * S3 multipart uploads. The uploads and their parts' ETags and sizes live in the S3 state document under
 * {@code uploads}; each part's bytes are a file {@code s3-uploads/<uploadId>/<partNumber>-<md5>} in the data directory,
 * written atomically. Completing streams the chosen parts into one content-addressed blob, so no more than one
 * buffer of an object is ever in memory. The caller (S3Service) holds its lock for every method but
 * {@link #stagePart}, which writes a part's file without it so parts upload in parallel.
 */
final class MultipartUploads {
    /** S3's minimum size of every part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;

    private final ObjectNode uploads;
    private final Path dir;

    /** @param uploads the {@code uploads} node of the S3 state; part files under {@code <dataDir>/s3-uploads} */
    MultipartUploads(ObjectNode uploads, Path dataDir) {
        this.uploads = uploads;
        this.dir = dataDir.resolve("s3-uploads");
        removeOrphans();
    }

    /** A part's bytes on disk, not yet recorded in the state. */
    record StagedPart(int number, Path file, String md5Hex, long size) {}

    AwsResponse create(AwsCall call, ObjectNode objectTemplate) {
        String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        ObjectNode u = uploads.putObject(id);
        u.put("bucket", call.path("Bucket")).put("key", call.path("Key")).put("initiated", System.currentTimeMillis());
        u.set("object", objectTemplate);
        u.putObject("parts");
        ObjectNode out = Json.object().put("Bucket", call.path("Bucket")).put("Key", call.path("Key")).put("UploadId", id);
        return AwsResponse.xml(200, "InitiateMultipartUploadResult", out);
    }

    /** Checks the part number and upload (under the lock): fails early, before a part's bytes are written. */
    int partNumber(AwsCall call) {
        upload(call);
        String raw = call.query("partNumber");
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_PARTS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new AwsException(400, "InvalidArgument", "Part number must be an integer between 1 and " + MAX_PARTS
                + ", inclusive (partNumber=" + raw + ")");
    }

    /** Writes a part's bytes to its own file; called without the lock. */
    StagedPart stagePart(AwsCall call, int number, byte[] body) {
        String md5 = HexFormat.of().formatHex(digest("MD5").digest(body));
        Path file = dir.resolve(call.query("uploadId")).resolve(number + "-" + md5);
        try {
            PrivateFiles.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, body);
        return new StagedPart(number, file, md5, body.length);
    }

    /** Records a staged part (under the lock); a part uploaded again replaces the earlier one, as on S3. */
    AwsResponse recordPart(AwsCall call, StagedPart part) {
        JsonNode u = uploads.get(call.query("uploadId"));
        if (u == null || !matches(u, call)) {
            delete(part.file()); // aborted or completed while the part was being written
            throw noSuchUpload();
        }
        ObjectNode parts = (ObjectNode) u.get("parts");
        JsonNode previous = parts.get(Integer.toString(part.number()));
        if (previous != null && !previous.get("md5").asText().equals(part.md5Hex())) {
            delete(dir.resolve(call.query("uploadId")).resolve(part.number() + "-" + previous.get("md5").asText()));
        }
        parts.putObject(Integer.toString(part.number())).put("md5", part.md5Hex()).put("size", part.size())
                .put("modified", System.currentTimeMillis());
        return AwsResponse.empty(200).header("ETag", "\"" + part.md5Hex() + "\"");
    }

    /**
     * Completes an upload from the parts the request lists: they must be in ascending order, exist with the given
     * ETags, and all but the last be at least 5 MiB. The object's ETag is S3's: the MD5 of the parts' binary MD5s,
     * a dash and the number of parts. Returns the new object's state node; the caller stores it and then calls
     * {@link #discard}.
     */
    ObjectNode complete(AwsCall call, StateStore store) {
        JsonNode u = upload(call);
        List<Integer> chosen = new ArrayList<>();
        JsonNode listed = Xml.read(call.body()).path("Part");
        List<JsonNode> items = new ArrayList<>();
        if (listed.isArray()) {
            listed.forEach(items::add);
        } else if (listed.isObject()) {
            items.add(listed);
        }
        if (items.isEmpty()) {
            throw new AwsException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against "
                    + "our published schema: CompleteMultipartUpload needs at least one Part");
        }
        JsonNode parts = u.get("parts");
        int previous = 0;
        for (JsonNode item : items) {
            int number = item.path("PartNumber").asInt(0);
            if (number <= previous) {
                throw new AwsException(400, "InvalidPartOrder",
                        "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
            previous = number;
            JsonNode stored = parts.get(Integer.toString(number));
            if (stored == null || !stored.get("md5").asText().equals(item.path("ETag").asText("").replace("\"", ""))) {
                throw new AwsException(400, "InvalidPart", "One or more of the specified parts could not be found. The part may "
                        + "not have been uploaded, or the specified entity tag may not match the part's entity tag (part "
                        + number + ").");
            }
            chosen.add(number);
        }
        MessageDigest etags = digest("MD5");
        long size = 0;
        for (int i = 0; i < chosen.size(); i++) {
            JsonNode stored = parts.get(Integer.toString(chosen.get(i)));
            if (i < chosen.size() - 1 && stored.get("size").asLong() < MIN_PART_SIZE) {
                throw new AwsException(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size "
                        + "(part " + chosen.get(i) + " has " + stored.get("size").asLong() + " bytes; every part but the last "
                        + "needs " + MIN_PART_SIZE + ")");
            }
            etags.update(HexFormat.of().parseHex(stored.get("md5").asText()));
            size += stored.get("size").asLong();
        }
        String blob = assemble(call.query("uploadId"), chosen, parts, store);
        ObjectNode object = ((ObjectNode) u.get("object")).deepCopy();
        object.put("blob", blob).put("size", size).put("modified", System.currentTimeMillis())
                .put("etag", "\"" + HexFormat.of().formatHex(etags.digest()) + "-" + items.size() + "\"");
        return object;
    }

    /** Streams the parts into one file while hashing it, then hands it to the blob store under its SHA-256. */
    private String assemble(String uploadId, List<Integer> chosen, JsonNode parts, StateStore store) {
        Path assembled = dir.resolve(uploadId).resolve("assembled");
        MessageDigest sha = digest("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(assembled, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (int n : chosen) {
                Path part = dir.resolve(uploadId).resolve(n + "-" + parts.get(Integer.toString(n)).get("md5").asText());
                try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
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
        return store.putBlob(assembled, HexFormat.of().formatHex(sha.digest()));
    }

    /** Forgets an upload and deletes its part files: after completion, or AbortMultipartUpload. */
    void discard(AwsCall call) {
        upload(call);
        uploads.remove(call.query("uploadId"));
        deleteTree(dir.resolve(call.query("uploadId")));
    }

    /** Aborts every upload into a bucket being deleted. */
    void discardAll(String bucket) {
        List<String> ids = new ArrayList<>();
        uploads.fieldNames().forEachRemaining(id -> {
            if (uploads.get(id).get("bucket").asText().equals(bucket)) {
                ids.add(id);
            }
        });
        for (String id : ids) {
            uploads.remove(id);
            deleteTree(dir.resolve(id));
        }
    }

    AwsResponse listParts(AwsCall call) {
        JsonNode u = upload(call);
        int max = call.query("max-parts") == null ? 1000 : Math.min(1000, parseNonNegative(call.query("max-parts"), "max-parts"));
        int marker = call.query("part-number-marker") == null ? 0 : parseNonNegative(call.query("part-number-marker"), "part-number-marker");
        List<Integer> numbers = new ArrayList<>();
        u.get("parts").fieldNames().forEachRemaining(n -> numbers.add(Integer.parseInt(n)));
        numbers.sort(Comparator.naturalOrder());
        ArrayNode list = Json.array();
        int next = marker;
        boolean truncated = false;
        for (int n : numbers) {
            if (n <= marker) {
                continue;
            }
            if (list.size() == max) {
                truncated = true;
                break;
            }
            JsonNode p = u.get("parts").get(Integer.toString(n));
            list.addObject().put("PartNumber", n).put("LastModified", Clock.iso(p.get("modified").asLong()))
                    .put("ETag", "\"" + p.get("md5").asText() + "\"").put("Size", p.get("size").asLong());
            next = n;
        }
        ObjectNode out = Json.object().put("Bucket", call.path("Bucket")).put("Key", call.path("Key"))
                .put("UploadId", call.query("uploadId"));
        owner(out, "Initiator");
        owner(out, "Owner");
        out.put("StorageClass", "STANDARD").put("PartNumberMarker", marker).put("NextPartNumberMarker", next)
                .put("MaxParts", max).put("IsTruncated", truncated);
        out.set("Part", list);
        return AwsResponse.xml(200, "ListPartsResult", out);
    }

    /** The bucket's uploads in progress, by key; no paging (a local cloud holds few). */
    AwsResponse listUploads(AwsCall call) {
        String prefix = call.query("prefix") == null ? "" : call.query("prefix");
        List<String> ids = new ArrayList<>();
        uploads.fieldNames().forEachRemaining(id -> {
            JsonNode u = uploads.get(id);
            if (u.get("bucket").asText().equals(call.path("Bucket")) && u.get("key").asText().startsWith(prefix)) {
                ids.add(id);
            }
        });
        ids.sort(Comparator.comparing((String id) -> uploads.get(id).get("key").asText())
                .thenComparing(id -> uploads.get(id).get("initiated").asLong()));
        ArrayNode list = Json.array();
        for (String id : ids) {
            JsonNode u = uploads.get(id);
            ObjectNode item = list.addObject().put("Key", u.get("key").asText()).put("UploadId", id);
            owner(item, "Initiator");
            owner(item, "Owner");
            item.put("StorageClass", "STANDARD").put("Initiated", Clock.iso(u.get("initiated").asLong()));
        }
        ObjectNode out = Json.object().put("Bucket", call.path("Bucket")).put("KeyMarker", "").put("UploadIdMarker", "")
                .put("Prefix", prefix).put("MaxUploads", 1000).put("IsTruncated", false);
        out.set("Upload", list);
        return AwsResponse.xml(200, "ListMultipartUploadsResult", out);
    }

    private static void owner(ObjectNode parent, String name) {
        parent.putObject(name).put("ID", LocalAccount.ID).put("DisplayName", "local");
    }

    private JsonNode upload(AwsCall call) {
        String id = call.query("uploadId");
        JsonNode u = id == null ? null : uploads.get(id);
        if (u == null || !matches(u, call)) {
            throw noSuchUpload();
        }
        return u;
    }

    private static boolean matches(JsonNode upload, AwsCall call) {
        return upload.get("bucket").asText().equals(call.path("Bucket")) && upload.get("key").asText().equals(call.path("Key"));
    }

    private static AwsException noSuchUpload() {
        return new AwsException(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.");
    }

    private static int parseNonNegative(String value, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new AwsException(400, "InvalidArgument", name + ": " + value + " is not a non-negative integer");
    }

    /** Part directories no upload in the state names: left by a crash between completing and deleting. */
    private void removeOrphans() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!uploads.has(entry.getFileName().toString())) {
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
