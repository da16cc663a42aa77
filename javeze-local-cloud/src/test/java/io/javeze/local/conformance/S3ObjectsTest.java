package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Objects with user metadata, odd keys and tags through the AWS SDK for Java v2, across a restart of the cloud. */
class S3ObjectsTest {
    @TempDir
    Path dir;

    @Test
    void metadataTagsAndOddKeysRoundTripAndSurviveARestart() {
        String key = "dir one/ü+plus&amp;=x.txt";
        Instant before = Instant.now().minus(Duration.ofSeconds(2));
        try (CloudFixture fx = new CloudFixture(dir)) {
            var s3 = fx.aws.s3();
            s3.createBucket(r -> r.bucket("objects"));
            s3.putObject(r -> r.bucket("objects").key(key).contentType("text/plain").metadata(Map.of("color", "blue", "Owner", "me"))
                    .tagging("team=web&env=dev"), RequestBody.fromString("body"));

            var got = s3.getObjectAsBytes(r -> r.bucket("objects").key(key));
            assertThat(got.asUtf8String()).isEqualTo("body");
            assertThat(got.response().metadata()).containsEntry("color", "blue").containsEntry("owner", "me");
            assertThat(got.response().contentType()).isEqualTo("text/plain");
            assertThat(got.response().tagCount()).isEqualTo(2);
            assertThat(got.response().lastModified()).isAfter(before);
            var head = s3.headObject(r -> r.bucket("objects").key(key));
            assertThat(head.contentLength()).isEqualTo(4);
            assertThat(head.metadata()).containsEntry("color", "blue");
            assertThat(s3.listObjectsV2(r -> r.bucket("objects").prefix("dir one/")).contents()).extracting(S3Object::key)
                    .containsExactly(key);
            assertThat(s3.listBuckets().buckets()).filteredOn(b -> b.name().equals("objects"))
                    .allSatisfy(b -> assertThat(b.creationDate()).isAfter(before));

            assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("missing"))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThatThrownBy(() -> s3.getObject(r -> r.bucket("missing").key("k"))).isInstanceOf(NoSuchBucketException.class);
            assertThatThrownBy(() -> s3.getObject(r -> r.bucket("objects").key("nope"))).isInstanceOf(NoSuchKeyException.class);
            assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("objects").maxKeys(-1)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        }
        try (CloudFixture fx = new CloudFixture(dir)) {
            var s3 = fx.aws.s3();
            var got = s3.getObjectAsBytes(r -> r.bucket("objects").key(key));
            assertThat(got.asUtf8String()).isEqualTo("body");
            assertThat(got.response().metadata()).containsEntry("color", "blue");
            assertThat(s3.getObjectTagging(r -> r.bucket("objects").key(key)).tagSet()).hasSize(2);
            s3.deleteObject(r -> r.bucket("objects").key(key));
            s3.deleteBucket(r -> r.bucket("objects"));
            assertThat(s3.listBuckets().buckets()).noneMatch(b -> b.name().equals("objects"));
        }
    }
}
