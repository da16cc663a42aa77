package io.javeze.lambda;

import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsTimeouts;
import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Gets packages to Lambda, inline or through an S3 bucket. Bytes are read from the file when a request needs them and
 * released with it (never held for a whole deploy). Inline bytes are not hashed here: the SDK hashes the request to
 * sign it, and Lambda's {@code CodeSha256} answer is checked against the digest the package was indexed with
 * ({@link PackageCode#verify}), so a zip rebuilt meanwhile is caught before it is served. An S3 object is checked
 * before it is stored, since its content-addressed key would otherwise keep wrong bytes for later deploys. Each S3 key
 * is uploaded at most once per store, even when many functions share the package: the first caller uploads, the
 * others wait for it.
 */
public final class CodeStore {
    /** A zip on disk and what it is known to be. */
    public record Package(Path file, String sha256Hex, long size) {}

    private final S3Client s3;
    private final String bucket;
    private final Map<String, String> objectTags;
    private final AwsTimeouts timeouts;
    private final Map<String, CompletableFuture<Void>> uploads = new ConcurrentHashMap<>();

    /**
     * @param s3         null when every package goes inline
     * @param objectTags tags for uploaded objects (may be empty)
     */
    public CodeStore(S3Client s3, String bucket, Map<String, String> objectTags, AwsTimeouts timeouts) {
        this.s3 = s3;
        this.bucket = bucket;
        this.objectTags = objectTags == null ? Map.of() : Map.copyOf(objectTags);
        this.timeouts = timeouts;
    }

    public String bucket() {
        return bucket;
    }

    /** The package inline, read now (Lambda takes at most 50 MB this way). */
    public static PackageCode inline(Package p) {
        try {
            return PackageCode.inline(Files.readAllBytes(p.file()), p);
        } catch (IOException e) {
            throw new JavezeException(p.file() + ": cannot read package: " + e.getMessage(), e);
        }
    }

    /**
     * The package through S3 at {@code key}. With {@code skipIfPresent}, an object already there (content-addressed
     * keys) is not sent again.
     */
    public PackageCode viaS3(Package p, String key, boolean skipIfPresent) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> upload = uploads.putIfAbsent(key, mine);
        if (upload == null) {
            try {
                if (!(skipIfPresent && exists(key))) {
                    put(p, key);
                }
                mine.complete(null);
            } catch (RuntimeException e) {
                uploads.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        } else {
            try {
                upload.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return PackageCode.s3(bucket, key, p);
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) return false;
            throw e;
        }
    }

    private void put(Package p, String key) {
        requireDigest(p, sha256Hex(p.file()));
        s3.putObject(b -> {
            b.bucket(bucket).key(key).contentType("application/zip").overrideConfiguration(timeouts.forUpload(p.size()));
            if (!objectTags.isEmpty()) {
                b.tagging(Tagging.builder().tagSet(objectTags.entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()).build());
            }
        }, RequestBody.fromFile(p.file()));
    }

    /** Creates the bucket unless it exists (the staging bucket a deploy owns). */
    public void ensureBucket(String region) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return;
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
        }
        try {
            s3.createBucket(b -> {
                b.bucket(bucket);
                if (!"us-east-1".equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            });
        } catch (RuntimeException e) {
            if (!AwsErrors.isAlreadyExists(e)) throw e;
        }
    }

    private static void requireDigest(Package p, String actual) {
        if (p.sha256Hex() != null && !actual.equalsIgnoreCase(p.sha256Hex())) {
            throw new JavezeException(p.file() + ": changed since it was packaged; build it again");
        }
    }

    private static String sha256Hex(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read package: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
