package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 conditional writes, as javeze's deploy lease uses them: create-if-absent, replace-if-unchanged, delete-if-unchanged. */
class S3ConditionalWritesTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        fx.aws.s3().createBucket(r -> r.bucket("leases"));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void ifNoneMatchCreatesOnlyOnceAndIfMatchNeedsTheCurrentEtag() {
        var s3 = fx.aws.s3();
        String first = s3.putObject(r -> r.bucket("leases").key("a").ifNoneMatch("*"), RequestBody.fromString("one")).eTag();

        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("leases").key("a").ifNoneMatch("*"), RequestBody.fromString("two")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        String second = s3.putObject(r -> r.bucket("leases").key("a").ifMatch(first), RequestBody.fromString("three")).eTag();
        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("leases").key("a").ifMatch(first), RequestBody.fromString("four")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket("leases").key("a")).asUtf8String()).isEqualTo("three");

        assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket("leases").key("a").ifMatch(first)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        s3.deleteObject(r -> r.bucket("leases").key("a").ifMatch(second));
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket("leases").key("a"))).isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("leases").key("a").ifMatch(second), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
