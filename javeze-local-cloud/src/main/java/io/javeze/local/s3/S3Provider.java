package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.BlobRegion;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.protocol.ShapeValues;
import io.javeze.local.store.StateStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * S3's operations (path-style), on typed inputs and outputs of the rest-xml protocol: buckets, objects with metadata
 * and tags, listings with paging and common prefixes, ranged reads, conditional writes and multipart uploads. State
 * and its locking live in {@link S3Store}; object bytes are written to the blob store before any lock is taken.
 */
public final class S3Provider implements Provider {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private final S3Store store;

    public S3Provider(StateStore state) {
        this.store = new S3Store(state);
    }

    @Override
    public String signingName() {
        return "s3";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        String bucket = in.path("Bucket").textValue();
        String key = in.path("Key").textValue();
        return switch (operation.name()) {
            case "ListBuckets" -> listBuckets();
            case "CreateBucket" -> createBucket(bucket);
            case "HeadBucket" -> {
                store.bucket(bucket);
                yield null;
            }
            case "DeleteBucket" -> {
                store.deleteBucket(bucket);
                yield null;
            }
            case "PutObject" -> putObject(in, context, bucket, key);
            case "CopyObject" -> copyObject(in, context, bucket, key);
            case "GetObject" -> getObject(in, bucket, key, false);
            case "HeadObject" -> getObject(in, bucket, key, true);
            case "DeleteObject" -> {
                String ifMatch = context.header("if-match"); // conditional deletes are newer than the model
                store.delete(bucket, List.of(key), (k, existing) -> {
                    if (ifMatch != null && !ifMatch.equals(existing.etag())) {
                        throw preconditionFailed("If-Match");
                    }
                });
                yield null;
            }
            case "DeleteObjects" -> deleteObjects(in, bucket);
            case "GetObjectTagging" -> {
                ObjectNode out = Json.object();
                ArrayNode tagSet = out.putArray("TagSet");
                store.get(bucket, key).tags().forEach((k, v) -> tagSet.addObject().put("Key", k).put("Value", v));
                yield out;
            }
            case "PutObjectTagging" -> {
                Map<String, String> tags = new LinkedHashMap<>();
                in.path("Tagging").path("TagSet").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
                store.update(bucket, key, o -> o.withTags(tags));
                yield null;
            }
            case "DeleteObjectTagging" -> {
                store.update(bucket, key, o -> o.withTags(Map.of()));
                yield null;
            }
            case "ListObjectsV2" -> store.read(bucket, objects -> ObjectListing.output(in, objects, true));
            case "ListObjects" -> store.read(bucket, objects -> ObjectListing.output(in, objects, false));
            case "CreateMultipartUpload" -> {
                store.bucket(bucket);
                var upload = store.uploads().create(bucket, key, newObject(in));
                yield Json.object().put("Bucket", bucket).put("Key", key).put("UploadId", upload.id());
            }
            case "UploadPart" -> uploadPart(in, context, bucket, key);
            case "CompleteMultipartUpload" -> completeMultipartUpload(in, context, bucket, key);
            case "AbortMultipartUpload" -> {
                store.bucket(bucket);
                store.uploads().abort(bucket, key, in.path("UploadId").asText());
                yield null;
            }
            case "ListParts" -> listParts(in, bucket, key);
            case "ListMultipartUploads" -> listUploads(in, bucket);
            default -> throw new AwsException(501, "NotImplemented", "The local cloud does not implement " + operation.name());
        };
    }

    /** Object bytes for Lambda's S3Bucket/S3Key code source, or null. */
    public byte[] objectBytes(String bucket, String key) {
        return store.objectBytes(bucket, key);
    }

    static JsonNode time(long epochMillis) {
        return ShapeValues.epochSeconds(Instant.ofEpochMilli(epochMillis));
    }

    private ObjectNode listBuckets() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Buckets");
        for (S3Store.Bucket b : store.buckets()) {
            list.addObject().put("Name", b.name).set("CreationDate", time(b.created));
        }
        owner(out, "Owner");
        return out;
    }

    private ObjectNode createBucket(String name) {
        if (!BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new AwsException(400, "InvalidBucketName", "The specified bucket is not valid.");
        }
        if (!store.createBucket(name, System.currentTimeMillis())) {
            throw new AwsException(409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        return Json.object().put("Location", "/" + name);
    }

    private ObjectNode putObject(ObjectNode in, AwsCall context, String bucket, String key) {
        store.bucket(bucket);
        byte[] body = in.has("Body") ? ShapeValues.bytes(in.get("Body")) : new byte[0];
        String etag = "\"" + HexFormat.of().formatHex(checkContentMd5(in, body)) + "\"";
        String blob = store.blobs().putBlob(body); // outside any lock: content-addressed, so concurrent writes agree
        StoredObject object = newObject(in).withContent(blob, body.length, etag, System.currentTimeMillis());
        store.put(bucket, key, existing -> {
            checkWriteConditions(context, existing);
            return object;
        });
        return Json.object().put("ETag", etag);
    }

    /**
     * CopyObject within the local cloud: the same blob under a new key, with the source's content type, metadata and
     * tags unless a directive says REPLACE. A copy of a multipart object gets the MD5 of its bytes as ETag, as on S3.
     */
    private ObjectNode copyObject(ObjectNode in, AwsCall context, String bucket, String key) {
        String raw = in.path("CopySource").asText();
        String source = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        source = source.startsWith("/") ? source.substring(1) : source;
        int q = source.indexOf("?versionId=");
        source = q < 0 ? source : source.substring(0, q);
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw new AwsException(400, "InvalidArgument", "Copy Source must mention the source bucket and key: "
                    + "sourcebucket/sourcekey (x-amz-copy-source: " + raw + ")");
        }
        String sourceBucket = source.substring(0, slash);
        String sourceKey = source.substring(slash + 1);
        StoredObject from = store.get(sourceBucket, sourceKey);
        boolean replaceMetadata = "REPLACE".equals(in.path("MetadataDirective").textValue());
        boolean replaceTags = "REPLACE".equals(in.path("TaggingDirective").textValue());
        if (sourceBucket.equals(bucket) && sourceKey.equals(key) && !replaceMetadata) {
            throw new AwsException(400, "InvalidRequest", "This copy request is illegal because it is trying to copy an object "
                    + "to itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        StoredObject requested = newObject(in);
        StoredObject base = replaceMetadata ? requested : from;
        base = base.withTags(replaceTags ? requested.tags() : from.tags());
        String etag = from.etag().contains("-")
                ? "\"" + HexFormat.of().formatHex(md5(store.blob(from.blob()))) + "\"" : from.etag();
        long now = System.currentTimeMillis();
        StoredObject copy = base.withContent(from.blob(), from.size(), etag, now);
        store.bucket(bucket);
        store.put(bucket, key, existing -> {
            checkWriteConditions(context, existing);
            return copy;
        });
        ObjectNode out = Json.object();
        out.putObject("CopyObjectResult").put("ETag", etag).set("LastModified", time(now));
        return out;
    }

    /** DeleteObjects ({@code aws s3 rm --recursive}): keys that do not exist count as deleted, as on S3. */
    private ObjectNode deleteObjects(ObjectNode in, String bucket) {
        JsonNode items = in.path("Delete").path("Objects");
        if (items.isEmpty() || items.size() > 1000) {
            throw new AwsException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against "
                    + "our published schema: DeleteObjects takes 1 to 1000 Object elements");
        }
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.path("Key").asText()));
        store.delete(bucket, keys, (k, existing) -> { });
        ObjectNode out = Json.object();
        ArrayNode deleted = out.putArray("Deleted");
        if (!in.path("Delete").path("Quiet").asBoolean(false)) {
            keys.forEach(k -> deleted.addObject().put("Key", k));
        }
        return out;
    }

    /** GetObject (whole, or one byte range: 206 with Content-Range) streamed from the immutable blob; HeadObject. */
    private ObjectNode getObject(ObjectNode in, String bucket, String key, boolean head) {
        StoredObject o = store.get(bucket, key);
        ObjectNode out = Json.object();
        ByteRange range = head ? null : ByteRange.of(in.path("Range").textValue(), o.size());
        long first = range == null ? 0 : range.first();
        long length = range == null ? o.size() : range.length();
        out.put("ContentLength", length).put("ContentType", o.contentType()).put("ETag", o.etag()).put("AcceptRanges", "bytes");
        out.set("LastModified", time(o.modified()));
        if (range != null) {
            out.put("ContentRange", range.contentRange(o.size()));
        }
        if (!o.metadata().isEmpty()) {
            o.metadata().forEach(out.putObject("Metadata")::put);
        }
        if (!head) {
            if (!o.tags().isEmpty()) {
                out.put("TagCount", o.tags().size());
            }
            out.set("Body", new BlobRegion(store.blob(o.blob()), first, length).node());
        }
        return out;
    }

    private ObjectNode uploadPart(ObjectNode in, AwsCall context, String bucket, String key) {
        store.bucket(bucket);
        int number = in.path("PartNumber").asInt();
        if (number < 1 || number > MultipartUploads.MAX_PARTS) {
            throw new AwsException(400, "InvalidArgument", "Part number must be an integer between 1 and "
                    + MultipartUploads.MAX_PARTS + ", inclusive (partNumber=" + number + ")");
        }
        String uploadId = in.path("UploadId").asText();
        byte[] body = in.has("Body") ? ShapeValues.bytes(in.get("Body")) : new byte[0];
        checkContentMd5(in, body);
        var staged = store.uploads().stage(bucket, key, uploadId, number, body);
        return Json.object().put("ETag", store.uploads().record(bucket, key, uploadId, staged).etag());
    }

    private ObjectNode completeMultipartUpload(ObjectNode in, AwsCall context, String bucket, String key) {
        store.bucket(bucket);
        List<MultipartUploads.Chosen> chosen = new ArrayList<>();
        in.path("MultipartUpload").path("Parts").forEach(p ->
                chosen.add(new MultipartUploads.Chosen(p.path("PartNumber").asInt(0), p.path("ETag").textValue())));
        StoredObject o = store.uploads().complete(bucket, key, in.path("UploadId").asText(), chosen,
                object -> store.put(bucket, key, existing -> {
                    checkWriteConditions(context, existing);
                    return object;
                }));
        return Json.object().put("Location", "/" + bucket + "/" + key).put("Bucket", bucket).put("Key", key).put("ETag", o.etag());
    }

    private ObjectNode listParts(ObjectNode in, String bucket, String key) {
        store.bucket(bucket);
        String uploadId = in.path("UploadId").asText();
        int max = Math.min(1000, nonNegative(in.get("MaxParts"), 1000, "max-parts"));
        int marker = nonNegative(in.get("PartNumberMarker"), 0, "part-number-marker");
        ObjectNode out = Json.object().put("Bucket", bucket).put("Key", key).put("UploadId", uploadId);
        ArrayNode list = Json.array();
        int next = marker;
        boolean truncated = false;
        for (MultipartUploads.Part p : store.uploads().parts(bucket, key, uploadId)) {
            if (p.number() <= marker) {
                continue;
            }
            if (list.size() == max) {
                truncated = true;
                break;
            }
            ObjectNode item = list.addObject().put("PartNumber", p.number());
            item.set("LastModified", time(p.modified()));
            item.put("ETag", p.etag()).put("Size", p.size());
            next = p.number();
        }
        owner(out, "Initiator");
        owner(out, "Owner");
        out.put("StorageClass", "STANDARD").put("PartNumberMarker", marker).put("NextPartNumberMarker", next)
                .put("MaxParts", max).put("IsTruncated", truncated);
        out.set("Parts", list);
        return out;
    }

    /** The bucket's uploads in progress, by key; no paging (a local cloud holds few). */
    private ObjectNode listUploads(ObjectNode in, String bucket) {
        store.bucket(bucket);
        String prefix = in.path("Prefix").asText("");
        ObjectNode out = Json.object().put("Bucket", bucket).put("KeyMarker", "").put("UploadIdMarker", "")
                .put("Prefix", prefix).put("MaxUploads", 1000).put("IsTruncated", false);
        ArrayNode list = out.putArray("Uploads");
        for (MultipartUploads.Upload u : store.uploads().uploads(bucket, prefix)) {
            ObjectNode item = list.addObject().put("Key", u.key()).put("UploadId", u.id());
            owner(item, "Initiator");
            owner(item, "Owner");
            item.put("StorageClass", "STANDARD").set("Initiated", time(u.initiated()));
        }
        return out;
    }

    private static void owner(ObjectNode parent, String name) {
        parent.putObject(name).put("ID", LocalAccount.ID).put("DisplayName", "local");
    }

    /** What PutObject, CopyObject (REPLACE) and CreateMultipartUpload take from the request: type, metadata, tags. */
    private static StoredObject newObject(ObjectNode in) {
        Map<String, String> metadata = new LinkedHashMap<>();
        in.path("Metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        String tagging = in.path("Tagging").textValue();
        if (tagging != null) {
            for (String pair : tagging.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    tags.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String contentType = in.path("ContentType").textValue();
        return new StoredObject(null, 0, null, 0, contentType == null ? StoredObject.DEFAULT_CONTENT_TYPE : contentType,
                metadata, tags);
    }

    /** The body's MD5, checked against Content-MD5 when the client sent one (as {@code aws s3 cp} does). */
    private static byte[] checkContentMd5(ObjectNode in, byte[] body) {
        byte[] md5 = md5(body);
        String declared = in.path("ContentMD5").textValue();
        if (declared != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(declared.trim());
            } catch (IllegalArgumentException e) {
                throw new AwsException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            }
            if (!Arrays.equals(expected, md5)) {
                throw new AwsException(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        return md5;
    }

    /**
     * S3's conditional writes: {@code If-None-Match: *} succeeds only when the key is free, {@code If-Match: <etag>} only
     * when the object still has that ETag (a missing object is NoSuchKey); otherwise 412 PreconditionFailed. They are
     * newer than the model in {@code shared/aws-models}, so their headers are read from the request as S3 documents
     * them. Called under the bucket's lock, which makes check-and-write atomic, as S3 guarantees.
     */
    private static void checkWriteConditions(AwsCall context, StoredObject existing) {
        String ifNoneMatch = context.header("if-none-match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.equals("*")) {
                throw new AwsException(501, "NotImplemented", "If-None-Match on PutObject accepts only *");
            }
            if (existing != null) {
                throw preconditionFailed("If-None-Match");
            }
        }
        String ifMatch = context.header("if-match");
        if (ifMatch != null) {
            if (existing == null) {
                throw S3Store.noSuchKey();
            }
            if (!ifMatch.equals(existing.etag())) {
                throw preconditionFailed("If-Match");
            }
        }
    }

    private static AwsException preconditionFailed(String condition) {
        return new AwsException(412, "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold (" + condition + ")");
    }

    private static int nonNegative(JsonNode value, int absent, String name) {
        if (value == null) {
            return absent;
        }
        if (value.asInt() < 0) {
            throw new AwsException(400, "InvalidArgument", name + ": " + value.asText() + " is not a non-negative integer");
        }
        return value.asInt();
    }

    private static byte[] md5(java.nio.file.Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return md5.digest();
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
