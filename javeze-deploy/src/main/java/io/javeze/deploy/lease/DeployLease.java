package io.javeze.deploy.lease;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.config.JavezeException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One deploy (or remove, or rollback) per service and stage at a time, across machines: a lease object in S3
 * ({@code s3://javeze-deploy-ACCOUNT-REGION/leases/SERVICE/STAGE}) written with S3's conditional writes.
 * {@code If-None-Match: *} takes a free lease, {@code If-Match: <etag>} renews or releases only the lease this process
 * holds, and a lease whose holder stopped renewing (a crash, a killed CI job) expires after {@link Settings#ttl()} and
 * is taken over, again with {@code If-Match} so only one waiter wins. A holder renews every third of the TTL.
 */
public final class DeployLease implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param ttl  how long a lease lives without renewal
     * @param maxWait how long to wait for another holder before giving up
     */
    public record Settings(Duration ttl, Duration maxWait) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), Duration.ofMinutes(10));
        }
    }

    /** What the lease object holds: who has it, since when, and until when unless renewed. */
    /** @param token unique to one acquisition, so a process recognises its own write */
    public record Holder(String host, long pid, String started, String expires, String what, String token) {
        String describe() {
            return host + " (pid " + pid + ") since " + started;
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final Settings settings;
    private final Holder holder;
    private final ScheduledExecutorService renewer;
    private volatile String etag;
    private volatile boolean lost;

    private DeployLease(S3Client s3, String bucket, String key, Settings settings, Holder holder, String etag) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.settings = settings;
        this.holder = holder;
        this.etag = etag;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "javeze-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, settings.ttl().toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    public static String bucket(String account, String region) {
        return "javeze-deploy-" + account + "-" + region;
    }

    /**
     * Takes the service's lease for the stage, waiting while another live holder has it.
     *
     * @param what what this process does ({@code deploy}, {@code remove}, {@code rollback}), shown to waiters
     * @throws JavezeException naming the holder when the wait runs out
     */
    public static DeployLease acquire(S3Client s3, String region, String account, String service, String stage, String what,
                                      Settings settings, Clock clock) {
        String bucket = bucket(account, region);
        String key = "leases/" + service + "/" + stage;
        Instant giveUp = clock.instant().plus(settings.maxWait());
        long sleep = 200;
        boolean bucketChecked = false;
        String started = clock.instant().toString();
        String token = java.util.UUID.randomUUID().toString();
        while (true) {
            Holder me = new Holder(HOST, ProcessHandle.current().pid(), started, clock.instant().plus(settings.ttl()).toString(), what,
                    token);
            try {
                String etag = s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/json"),
                        RequestBody.fromBytes(json(me))).eTag();
                return new DeployLease(s3, bucket, key, settings, me, etag);
            } catch (NoSuchBucketException e) {
                if (bucketChecked) throw e;
                createBucket(s3, bucket, region);
                bucketChecked = true;
                continue;
            } catch (S3Exception e) {
                if (!isConflict(e)) throw e;
            }
            Current current = read(s3, bucket, key);
            if (current == null) continue; // released meanwhile
            if (token.equals(current.holder().token())) {
                // our own write, answered with an error and retried (a 5xx after the object was stored)
                return new DeployLease(s3, bucket, key, settings, current.holder(), current.etag());
            }
            if (Instant.parse(current.holder().expires()).isBefore(clock.instant())) {
                // the holder stopped renewing: take it over, unless another waiter is quicker
                try {
                    String etag = s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(current.etag()).contentType("application/json"),
                            RequestBody.fromBytes(json(me))).eTag();
                    return new DeployLease(s3, bucket, key, settings, me, etag);
                } catch (NoSuchKeyException e) {
                    continue;
                } catch (S3Exception e) {
                    if (!isConflict(e) && e.statusCode() != 404) throw e;
                    continue;
                }
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new JavezeException("stage " + stage + " of service " + service + " is being changed by another "
                        + current.holder().what() + " on " + current.holder().describe() + "; waited "
                        + settings.maxWait().toSeconds() + " s: try again when it has finished");
            }
            sleep(sleep);
            sleep = Math.min(2_000, sleep * 2);
        }
    }

    private record Current(Holder holder, String etag) {}

    private static Current read(S3Client s3, String bucket, String key) {
        try {
            var response = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return new Current(JSON.readValue(response.asByteArray(), Holder.class), response.response().eTag());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (java.io.IOException e) {
            // unreadable: treat as expired long ago so it is taken over
            return new Current(new Holder("unknown", 0, Instant.EPOCH.toString(), Instant.EPOCH.toString(), "deploy", null),
                    s3.headObject(b -> b.bucket(bucket).key(key)).eTag());
        }
    }

    private synchronized void renew() {
        if (lost) return;
        Holder next = new Holder(holder.host(), holder.pid(), holder.started(),
                Instant.now().plus(settings.ttl()).toString(), holder.what(), holder.token());
        try {
            etag = s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(etag).contentType("application/json"),
                    RequestBody.fromBytes(json(next))).eTag();
        } catch (S3Exception e) {
            if (isConflict(e) || e.statusCode() == 404) lost = true;
            // other errors: try again at the next tick; the lease is good until it expires
        } catch (RuntimeException e) {
            // network trouble: try again at the next tick
        }
    }

    /** Whether another process took the lease over (this one stopped renewing for longer than the TTL). */
    public boolean lost() {
        return lost;
    }

    @Override
    public synchronized void close() {
        renewer.shutdownNow();
        if (lost) return;
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(etag));
        } catch (RuntimeException e) {
            // not ours any more, or unreachable: it expires by itself
        }
    }

    private static boolean isConflict(S3Exception e) {
        // 412 PreconditionFailed; 409 ConditionalRequestConflict when two conditional writes race
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    private static void createBucket(S3Client s3, String bucket, String region) {
        try {
            s3.createBucket(b -> {
                b.bucket(bucket);
                if (!"us-east-1".equals(region)) b.createBucketConfiguration(c -> c.locationConstraint(region));
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // created by a concurrent deploy
        }
    }

    private static byte[] json(Holder h) {
        try {
            return JSON.writeValueAsBytes(h);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String HOST = host();

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the deploy lease", e);
        }
    }
}
