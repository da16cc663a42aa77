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
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** S3, path-style: buckets and objects (stored as content-addressed blobs) with tags. */
public final class S3Service implements AwsService {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private final StateStore store;
    private final ObjectNode state;

    public S3Service(StateStore store) {
        this.store = store;
        this.state = store.load("s3");
        if (!state.has("buckets")) {
            state.putObject("buckets");
        }
    }

    @Override
    public String signingName() {
        return "s3";
    }

    private ObjectNode buckets() {
        return (ObjectNode) state.get("buckets");
    }

    @Override
    public synchronized AwsResponse handle(AwsCall call) {
        String op = call.operation();
        // these share method and path with the basic object calls; headers and query members tell them apart
        if (op.matches("CopyObject|UploadPart|UploadPartCopy") && call.header("x-amz-copy-source") == null
                && !call.hasQuery("partNumber")) {
            op = "PutObject";
        } else if (op.equals("AbortMultipartUpload") && !call.hasQuery("uploadId")) {
            op = "DeleteObject";
        }
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
                buckets().remove(call.path("Bucket"));
                save();
                yield AwsResponse.empty(204);
            }
            case "PutObject" -> putObject(call);
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
            case "ListObjectsV2", "ListObjects" -> listObjects(call);
            default -> throw new AwsException(501, "NotImplemented", "The local cloud does not implement " + call.operation());
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
        String hex = store.putBlob(body);
        ObjectNode o = Json.object();
        String etag = "\"" + HexFormat.of().formatHex(md5(body)) + "\"";
        o.put("blob", hex).put("size", body.length).put("etag", etag).put("modified", System.currentTimeMillis())
                .put("contentType", call.header("content-type") == null ? "binary/octet-stream" : call.header("content-type"));
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
        ((ObjectNode) bucket.get("objects")).set(call.path("Key"), o);
        save();
        return AwsResponse.empty(200).header("ETag", etag);
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

    private AwsResponse getObject(AwsCall call, boolean head) {
        ObjectNode o = object(call);
        byte[] data = head ? new byte[0] : store.readBlob(o.get("blob").asText());
        AwsResponse r = AwsResponse.bytes(200, data, o.get("contentType").asText())
                .header("ETag", o.get("etag").asText())
                .header("Last-Modified", Clock.httpDate(o.get("modified").asLong()));
        if (head) {
            r.header("Content-Length", o.get("size").asText());
        }
        if (o.get("tags").size() > 0) {
            r.header("x-amz-tagging-count", Integer.toString(o.get("tags").size()));
        }
        o.path("metadata").fields().forEachRemaining(e -> r.header(e.getKey(), e.getValue().asText()));
        return r;
    }

    private AwsResponse listObjects(AwsCall call) {
        ObjectNode bucket = bucket(call.path("Bucket"));
        String prefix = call.query("prefix") == null ? "" : call.query("prefix");
        List<String> keys = new ArrayList<>();
        bucket.get("objects").fieldNames().forEachRemaining(k -> {
            if (k.startsWith(prefix)) {
                keys.add(k);
            }
        });
        keys.sort(String::compareTo);
        ArrayNode contents = Json.array();
        for (String k : keys) {
            JsonNode o = bucket.get("objects").get(k);
            contents.addObject().put("Key", k).put("LastModified", Clock.iso(o.get("modified").asLong()))
                    .put("ETag", o.get("etag").asText()).put("Size", o.get("size").asLong()).put("StorageClass", "STANDARD");
        }
        ObjectNode out = Json.object().put("Name", call.path("Bucket")).put("Prefix", prefix).put("KeyCount", keys.size())
                .put("MaxKeys", 1000).put("IsTruncated", false);
        out.set("Contents", contents);
        return AwsResponse.xml(200, "ListBucketResult", out);
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
