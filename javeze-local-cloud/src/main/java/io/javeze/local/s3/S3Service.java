package io.javeze.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.LocalAccount;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.AwsService;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import io.javeze.local.http.Xml;
import io.javeze.local.store.StateStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3, path-style: buckets and objects (stored as content-addressed blobs) with tags; listings with paging and common
 * prefixes, ranged reads, multipart uploads ({@link MultipartUploads}).
 */
public final class S3Service implements AwsService {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private final StateStore store;
    private final ObjectNode state;
    private final MultipartUploads uploads;

    public S3Service(StateStore store) {
        this.store = store;
        this.state = store.load("s3");
        if (!state.has("buckets")) {
            state.putObject("buckets");
        }
        if (!state.has("uploads")) {
            state.putObject("uploads");
        }
        this.uploads = new MultipartUploads((ObjectNode) state.get("uploads"), store.root());
    }

    @Override
    public String signingName() {
        return "s3";
    }

    private ObjectNode buckets() {
        return (ObjectNode) state.get("buckets");
    }

    @Override
    public AwsResponse handle(AwsCall call) {
        String op = operation(call);
        if (op.equals("UploadPart")) {
            int number;
            synchronized (this) {
                number = uploads.partNumber(call);
            }
            byte[] body = call.body();
            checkContentMd5(call, body);
            MultipartUploads.StagedPart part = uploads.stagePart(call, number, body); // parts upload in parallel
            synchronized (this) {
                AwsResponse r = uploads.recordPart(call, part);
                save();
                return r;
            }
        }
        synchronized (this) {
            return handle(op, call);
        }
    }

    /**
     * The operation S3 means: several share a method and path, and headers and query members tell them apart (the
     * operation table picks the first of them).
     */
    private static String operation(AwsCall call) {
        String op = call.operation();
        boolean upload = call.hasQuery("uploadId");
        return switch (op) {
            case "CopyObject", "UploadPart", "UploadPartCopy" -> call.header("x-amz-copy-source") != null
                    ? (call.hasQuery("partNumber") ? "UploadPartCopy" : "CopyObject")
                    : (call.hasQuery("partNumber") || upload ? "UploadPart" : "PutObject");
            case "GetObject", "ListParts" -> upload ? "ListParts" : "GetObject";
            case "AbortMultipartUpload", "DeleteObject" -> upload ? "AbortMultipartUpload" : "DeleteObject";
            default -> op;
        };
    }

    private AwsResponse handle(String op, AwsCall call) {
        return switch (op) {
            case "ListBuckets" -> listBuckets();
            case "CreateBucket" -> createBucket(call);
            case "HeadBucket" -> {
                bucket(call.path("Bucket"));
                yield AwsResponse.empty(200).header("x-amz-bucket-region", call.region());
            }
            case "DeleteBucket" -> {
                ObjectNode b = bucket(call.path("Bucket"));
                if (b.get("objects").size() > 0) {
                    throw new AwsException(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
                }
                uploads.discardAll(call.path("Bucket"));
                buckets().remove(call.path("Bucket"));
                save();
                yield AwsResponse.empty(204);
            }
            case "PutObject" -> putObject(call);
            case "CopyObject" -> copyObject(call);
            case "DeleteObjects" -> deleteObjects(call);
            case "GetObject" -> getObject(call, false);
            case "HeadObject" -> getObject(call, true);
            case "DeleteObject" -> {
                ObjectNode objects = (ObjectNode) bucket(call.path("Bucket")).get("objects");
                String ifMatch = call.header("if-match");
                if (ifMatch != null && objects.has(call.path("Key"))
                        && !ifMatch.equals(objects.get(call.path("Key")).get("etag").asText())) {
                    throw preconditionFailed("If-Match");
                }
                objects.remove(call.path("Key"));
                save();
                yield AwsResponse.empty(204);
            }
            case "GetObjectTagging" -> {
                ObjectNode tagSet = Json.object();
                tagSet.set("Tag", tagList(object(call).get("tags")));
                yield AwsResponse.xml(200, "Tagging", Json.object().set("TagSet", tagSet));
            }
            case "PutObjectTagging" -> {
                ObjectNode o = object(call);
                o.set("tags", parseTagging(call.body()));
                save();
                yield AwsResponse.empty(200);
            }
            case "DeleteObjectTagging" -> {
                object(call).putObject("tags");
                save();
                yield AwsResponse.empty(204);
            }
            case "ListObjectsV2" -> ObjectListing.answer(call, (ObjectNode) bucket(call.path("Bucket")).get("objects"), true);
            case "ListObjects" -> ObjectListing.answer(call, (ObjectNode) bucket(call.path("Bucket")).get("objects"), false);
            case "CreateMultipartUpload" -> {
                bucket(call.path("Bucket"));
                AwsResponse r = uploads.create(call, objectTemplate(call));
                save();
                yield r;
            }
            case "CompleteMultipartUpload" -> {
                ObjectNode bucket = bucket(call.path("Bucket"));
                checkWriteConditions(call, bucket.get("objects").get(call.path("Key")));
                ObjectNode o = uploads.complete(call, store);
                ((ObjectNode) bucket.get("objects")).set(call.path("Key"), o);
                uploads.discard(call);
                save();
                ObjectNode out = Json.object().put("Location", "/" + call.path("Bucket") + "/" + call.path("Key"))
                        .put("Bucket", call.path("Bucket")).put("Key", call.path("Key")).put("ETag", o.get("etag").asText());
                yield AwsResponse.xml(200, "CompleteMultipartUploadResult", out);
            }
            case "AbortMultipartUpload" -> {
                bucket(call.path("Bucket"));
                uploads.discard(call);
                save();
                yield AwsResponse.empty(204);
            }
            case "ListParts" -> {
                bucket(call.path("Bucket"));
                yield uploads.listParts(call);
            }
            case "ListMultipartUploads" -> {
                bucket(call.path("Bucket"));
                yield uploads.listUploads(call);
            }
            default -> throw new AwsException(501, "NotImplemented", "The local cloud does not implement " + op);
        };
    }

    private void save() {
        store.save("s3", state);
    }

    private ObjectNode bucket(String name) {
        JsonNode b = buckets().get(name);
        if (b == null) {
            throw new AwsException(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        return (ObjectNode) b;
    }

    private ObjectNode object(AwsCall call) {
        JsonNode o = bucket(call.path("Bucket")).get("objects").get(call.path("Key"));
        if (o == null) {
            throw new AwsException(404, "NoSuchKey", "The specified key does not exist.");
        }
        return (ObjectNode) o;
    }

    private AwsResponse listBuckets() {
        ArrayNode list = Json.array();
        buckets().fields().forEachRemaining(e -> list.addObject().put("Name", e.getKey())
                .put("CreationDate", e.getValue().get("created").asText()));
        ObjectNode out = Json.object();
        out.putObject("Owner").put("ID", LocalAccount.ID).put("DisplayName", "local");
        out.putObject("Buckets").set("Bucket", list);
        return AwsResponse.xml(200, "ListAllMyBucketsResult", out);
    }

    private AwsResponse createBucket(AwsCall call) {
        String name = call.path("Bucket");
        if (!BUCKET.matcher(name).matches() || name.contains("..")) {
            throw new AwsException(400, "InvalidBucketName", "The specified bucket is not valid.");
        }
        if (buckets().has(name)) {
            throw new AwsException(409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        ObjectNode b = buckets().putObject(name);
        b.put("created", Clock.iso(System.currentTimeMillis()));
        b.putObject("objects");
        save();
        return AwsResponse.empty(200).header("Location", "/" + name);
    }

    private AwsResponse putObject(AwsCall call) {
        ObjectNode bucket = bucket(call.path("Bucket"));
        checkWriteConditions(call, bucket.get("objects").get(call.path("Key")));
        byte[] body = call.body();
        byte[] md5 = checkContentMd5(call, body);
        String hex = store.putBlob(body);
        String etag = "\"" + HexFormat.of().formatHex(md5) + "\"";
        ObjectNode o = objectTemplate(call);
        o.put("blob", hex).put("size", body.length).put("etag", etag).put("modified", System.currentTimeMillis());
        ((ObjectNode) bucket.get("objects")).set(call.path("Key"), o);
        save();
        return AwsResponse.empty(200).header("ETag", etag);
    }

    /**
     * CopyObject within the local cloud: the same blob under a new key, with the source's content type, metadata and
     * tags unless a directive says REPLACE. A copy of a multipart object gets the MD5 of its bytes as ETag, as on S3.
     */
    private AwsResponse copyObject(AwsCall call) {
        String source = URLDecoder.decode(call.header("x-amz-copy-source"), StandardCharsets.UTF_8);
        source = source.startsWith("/") ? source.substring(1) : source;
        int q = source.indexOf("?versionId=");
        source = q < 0 ? source : source.substring(0, q);
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw new AwsException(400, "InvalidArgument", "Copy Source must mention the source bucket and key: "
                    + "sourcebucket/sourcekey (x-amz-copy-source: " + call.header("x-amz-copy-source") + ")");
        }
        String sourceBucket = source.substring(0, slash);
        String sourceKey = source.substring(slash + 1);
        JsonNode from = bucket(sourceBucket).get("objects").get(sourceKey);
        if (from == null) {
            throw new AwsException(404, "NoSuchKey", "The specified key does not exist.");
        }
        boolean replaceMetadata = "REPLACE".equals(call.header("x-amz-metadata-directive"));
        boolean replaceTags = "REPLACE".equals(call.header("x-amz-tagging-directive"));
        if (sourceBucket.equals(call.path("Bucket")) && sourceKey.equals(call.path("Key")) && !replaceMetadata) {
            throw new AwsException(400, "InvalidRequest", "This copy request is illegal because it is trying to copy an object "
                    + "to itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        ObjectNode bucket = bucket(call.path("Bucket"));
        checkWriteConditions(call, bucket.get("objects").get(call.path("Key")));
        ObjectNode o = replaceMetadata ? objectTemplate(call) : (ObjectNode) from.deepCopy();
        if (!replaceMetadata && replaceTags) {
            o.set("tags", objectTemplate(call).get("tags"));
        } else if (replaceMetadata && !replaceTags) {
            o.set("tags", from.get("tags").deepCopy());
        }
        String etag = from.get("etag").asText();
        if (etag.contains("-")) {
            etag = "\"" + HexFormat.of().formatHex(md5(store.blob(from.get("blob").asText()))) + "\"";
        }
        long now = System.currentTimeMillis();
        o.put("blob", from.get("blob").asText()).put("size", from.get("size").asLong()).put("etag", etag).put("modified", now);
        ((ObjectNode) bucket.get("objects")).set(call.path("Key"), o);
        save();
        return AwsResponse.xml(200, "CopyObjectResult", Json.object().put("ETag", etag).put("LastModified", Clock.iso(now)));
    }

    /** DeleteObjects ({@code aws s3 rm --recursive}): keys that do not exist count as deleted, as on S3. */
    private AwsResponse deleteObjects(AwsCall call) {
        ObjectNode objects = (ObjectNode) bucket(call.path("Bucket")).get("objects");
        JsonNode delete = Xml.read(call.body());
        List<JsonNode> items = new ArrayList<>();
        JsonNode listed = delete.path("Object");
        if (listed.isArray()) {
            listed.forEach(items::add);
        } else if (listed.isObject()) {
            items.add(listed);
        }
        if (items.isEmpty() || items.size() > 1000) {
            throw new AwsException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against "
                    + "our published schema: DeleteObjects takes 1 to 1000 Object elements");
        }
        boolean quiet = delete.path("Quiet").asText("false").equals("true");
        ArrayNode deleted = Json.array();
        for (JsonNode item : items) {
            String key = item.path("Key").asText();
            objects.remove(key);
            if (!quiet) {
                deleted.addObject().put("Key", key);
            }
        }
        save();
        return AwsResponse.xml(200, "DeleteResult", Json.object().set("Deleted", deleted));
    }

    /** What PutObject and CreateMultipartUpload take from headers: content type, tags and user metadata. */
    private static ObjectNode objectTemplate(AwsCall call) {
        ObjectNode o = Json.object();
        o.put("contentType", call.header("content-type") == null ? "binary/octet-stream" : call.header("content-type"));
        ObjectNode tags = o.putObject("tags");
        String tagging = call.header("x-amz-tagging");
        if (tagging != null) {
            for (String pair : tagging.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    tags.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        ObjectNode meta = o.putObject("metadata");
        call.headers().forEach((k, v) -> {
            if (k.startsWith("x-amz-meta-")) {
                meta.put(k, v);
            }
        });
        return o;
    }

    /** The body's MD5, checked against a Content-MD5 header when the client sent one (as {@code aws s3 cp} does). */
    private static byte[] checkContentMd5(AwsCall call, byte[] body) {
        byte[] md5 = md5(body);
        String declared = call.header("content-md5");
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
     * S3's conditional writes: {@code If-None-Match: *} succeeds only when the key is free, {@code If-Match: <etag>}
     * only when the object still has that ETag (a missing object is NoSuchKey); otherwise 412 PreconditionFailed.
     * The service lock makes check-and-write atomic, as S3 guarantees.
     */
    private static void checkWriteConditions(AwsCall call, JsonNode existing) {
        String ifNoneMatch = call.header("if-none-match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.equals("*")) {
                throw new AwsException(501, "NotImplemented", "If-None-Match on PutObject accepts only *");
            }
            if (existing != null) throw preconditionFailed("If-None-Match");
        }
        String ifMatch = call.header("if-match");
        if (ifMatch != null) {
            if (existing == null) throw new AwsException(404, "NoSuchKey", "The specified key does not exist.");
            if (!ifMatch.equals(existing.get("etag").asText())) throw preconditionFailed("If-Match");
        }
    }

    private static AwsException preconditionFailed(String condition) {
        return new AwsException(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold (" + condition + ")");
    }

    /** GetObject and HeadObject, whole or one byte range (206); the body is streamed from the immutable blob file. */
    private AwsResponse getObject(AwsCall call, boolean head) {
        ObjectNode o = object(call);
        long size = o.get("size").asLong();
        ByteRange range = ByteRange.of(call.header("range"), size);
        long first = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        int status = range == null ? 200 : 206;
        String contentType = o.get("contentType").asText();
        AwsResponse r = head ? AwsResponse.bytes(status, new byte[0], contentType).header("Content-Length", Long.toString(length))
                : AwsResponse.file(status, store.blob(o.get("blob").asText()), first, length, contentType);
        r.header("ETag", o.get("etag").asText())
                .header("Last-Modified", Clock.httpDate(o.get("modified").asLong()))
                .header("Accept-Ranges", "bytes");
        if (range != null) {
            r.header("Content-Range", range.contentRange(size));
        }
        if (o.get("tags").size() > 0) {
            r.header("x-amz-tagging-count", Integer.toString(o.get("tags").size()));
        }
        o.path("metadata").fields().forEachRemaining(e -> r.header(e.getKey(), e.getValue().asText()));
        return r;
    }

    private static ObjectNode parseTagging(byte[] body) {
        JsonNode tree = Xml.read(body);
        JsonNode tag = tree.path("TagSet").path("Tag");
        ObjectNode tags = Json.object();
        if (tag.isArray()) {
            tag.forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        } else if (tag.isObject()) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        return tags;
    }

    private static ArrayNode tagList(JsonNode tags) {
        ArrayNode list = Json.array();
        tags.fields().forEachRemaining(e -> list.addObject().put("Key", e.getKey()).put("Value", e.getValue().asText()));
        return list;
    }

    private static byte[] md5(java.nio.file.Path file) {
        try (var in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return md5.digest();
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Object bytes for Lambda's S3Bucket/S3Key code source, or null. */
    public synchronized byte[] objectBytes(String bucket, String key) {
        JsonNode o = buckets().path(bucket).path("objects").get(key);
        return o == null ? null : store.readBlob(o.get("blob").asText());
    }
}
