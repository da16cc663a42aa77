package io.javeze.deploy.exec;

import io.javeze.aws.AwsTimeouts;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.LayerTarget;
import io.javeze.lambda.CodeStore;
import io.javeze.lambda.PackageCode;
import java.util.Map;

/**
 * Where each package's bytes go: inline ({@code ZipFile}) or through an S3 staging bucket, each distinct package
 * (by content hash) uploaded at most once per deploy ({@link CodeStore}); inline bytes are read per request and
 * released with it.
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
    private final String service;
    private final Map<String, Integer> uploadsByPackage;
    private final CodeStore store;
    private volatile boolean bucketReady;

    /** @param uploadsByPackage package sha256 → how many functions of this deploy need its code sent */
    public CodeSource(Clients clients, String account, String region, String service, Map<String, Integer> uploadsByPackage) {
        this.clients = clients;
        this.service = service;
        this.uploadsByPackage = Map.copyOf(uploadsByPackage);
        this.store = new CodeStore(clients.s3(), "javeze-staging-" + account + "-" + region, Map.of(), AwsTimeouts.DEFAULT);
    }

    public static boolean viaS3(long size, int functionsSharing) {
        return size > INLINE_LIMIT || (long) Math.max(0, functionsSharing - 1) * size >= SHARED_S3_THRESHOLD;
    }

    public PackageCode codeFor(FunctionTarget f) {
        CodeStore.Package p = new CodeStore.Package(f.packageFile(), f.packageSha256Hex(), f.packageSize());
        if (viaS3(f.packageSize(), uploadsByPackage.getOrDefault(f.packageSha256Hex(), 1))) {
            ensureBucket();
            return store.viaS3(p, service + "/" + f.packageSha256Hex() + ".zip", true);
        }
        return CodeStore.inline(p);
    }

    /** A dependency layer's zip, inline or through the staging bucket like a package only one function needs. */
    public PackageCode codeFor(LayerTarget layer) {
        CodeStore.Package p = new CodeStore.Package(layer.file(), layer.sha256Hex(), layer.size());
        if (viaS3(layer.size(), 1)) {
            ensureBucket();
            return store.viaS3(p, service + "/layers/" + layer.sha256Hex() + ".zip", true);
        }
        return CodeStore.inline(p);
    }

    private synchronized void ensureBucket() {
        if (!bucketReady) {
            store.ensureBucket(clients.region());
            bucketReady = true;
        }
    }
}
