package io.javeze.deploy.exec;

import io.javeze.config.JavezeException;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.model.FunctionTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where each package's bytes go: inline ({@code ZipFile}) or through an S3 staging bucket, each distinct package
 * (by content hash) read and uploaded at most once per deploy.
 *
 * <p>Inline is one request and no bucket; Lambda caps direct uploads at 50 MB zipped, so anything over
 * {@link #INLINE_LIMIT} (45 MiB, leaving margin for the request's base64 and JSON) goes through S3. A package shared
 * by several functions also goes through S3 once the bytes saved by not resending it, (n-1) × size, reach
 * {@link #SHARED_S3_THRESHOLD} (4 MiB): the staging costs about three extra round trips (HeadBucket, HeadObject,
 * PutObject), roughly what 4 MiB of upload takes on a typical link; below that, resending inline is faster.
 */
public final class CodeSource {
    public static final long INLINE_LIMIT = 45L * 1024 * 1024;
    public static final long SHARED_S3_THRESHOLD = 4L * 1024 * 1024;

    private final Clients clients;
    private final AwsCalls calls;
    private final String bucket;
    private final String service;
    private final Map<String, Integer> uploadsByPackage;
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
    private final Map<String, String> staged = new ConcurrentHashMap<>();
    private volatile boolean bucketReady;

    /** @param uploadsByPackage package sha256 → how many functions of this deploy need its code sent */
    public CodeSource(Clients clients, AwsCalls calls, String account, String region, String service,
                      Map<String, Integer> uploadsByPackage) {
        this.clients = clients;
        this.calls = calls;
        this.bucket = "javeze-staging-" + account + "-" + region;
        this.service = service;
        this.uploadsByPackage = Map.copyOf(uploadsByPackage);
    }

    public static boolean viaS3(long size, int functionsSharing) {
        return size > INLINE_LIMIT || (long) Math.max(0, functionsSharing - 1) * size >= SHARED_S3_THRESHOLD;
    }

    public FunctionCode codeFor(FunctionTarget f) {
        if (viaS3(f.packageSize(), uploadsByPackage.getOrDefault(f.packageSha256Hex(), 1))) {
            String key = staged.computeIfAbsent(f.packageSha256Hex(), sha -> stage(f));
            return FunctionCode.builder().s3Bucket(bucket).s3Key(key).build();
        }
        return FunctionCode.builder().zipFile(SdkBytes.fromByteArrayUnsafe(read(f))).build();
    }

    private byte[] read(FunctionTarget f) {
        return bytes.computeIfAbsent(f.packageSha256Hex(), sha -> {
            try {
                byte[] data = Files.readAllBytes(f.packageFile());
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
                if (!actual.equalsIgnoreCase(sha)) {
                    throw new JavezeException(f.packageFile() + ": changed since the package index was written; run `javeze build` again");
                }
                return data;
            } catch (IOException e) {
                throw new JavezeException(f.packageFile() + ": cannot read package: " + e.getMessage(), e);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String stage(FunctionTarget f) {
        ensureBucket();
        String key = service + "/" + f.packageSha256Hex() + ".zip";
        try {
            calls.call(() -> clients.s3().headObject(b -> b.bucket(bucket).key(key)));
            return key;
        } catch (NoSuchKeyException e) {
            // upload below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
        }
        byte[] data = read(f);
        calls.call(() -> clients.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data)));
        return key;
    }

    private void createBucket() {
        String region = clients.region();
        calls.call(() -> clients.s3().createBucket(b -> {
            b.bucket(bucket);
            if (!"us-east-1".equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        }));
    }

    private synchronized void ensureBucket() {
        if (bucketReady) return;
        try {
            calls.call(() -> clients.s3().headBucket(b -> b.bucket(bucket)));
        } catch (NoSuchBucketException e) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
            createBucket();
        }
        bucketReady = true;
    }
}
