package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * SnapStart warm-up of your own: a {@code public static} method with no parameters, in a class with
 * {@link Route}, {@link Auth} or {@link Subscriber} methods, that the generated handlers of that class call in
 * {@code beforeCheckpoint}, after their own priming, before Lambda snapshots the function. Use it to open SDK clients,
 * load configuration or touch a code path once; everything it leaves in memory is in every restored instance.
 * Do not create anything that must be unique per instance (ids, random seeds) or hold a connection that must stay
 * open: restored instances share the snapshot, and its connections may be closed after restore.
 *
 * <pre>{@code
 * static final S3Client S3 = S3Client.create();
 *
 * @Prime
 * public static void warmUp() { S3.listBuckets(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Prime {}
