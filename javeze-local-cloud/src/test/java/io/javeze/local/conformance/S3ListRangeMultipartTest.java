package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 listings (paging, delimiters), ranged reads and multipart uploads through the AWS SDK for Java v2. */
class S3ListRangeMultipartTest {
    @TempDir
    static Path dir;
    static CloudFixture fx;
    static S3Client s3;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        s3 = fx.aws.s3();
        s3.createBucket(r -> r.bucket("bkt"));
        for (String key : List.of("a/1", "a/2", "a/sub/3", "b/x", "c", "d")) {
            s3.putObject(r -> r.bucket("bkt").key(key), RequestBody.fromString(key));
        }
        s3.putObject(r -> r.bucket("bkt").key("digits"), RequestBody.fromString("0123456789"));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void listingPagesThroughKeysAndCommonPrefixesWithoutRepeats() {
        ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket("bkt").delimiter("/").maxKeys(2));
        assertThat(first.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/", "b/");
        assertThat(first.contents()).isEmpty();
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.keyCount()).isEqualTo(2);
        ListObjectsV2Response second = s3.listObjectsV2(r -> r.bucket("bkt").delimiter("/").maxKeys(2)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.contents()).extracting(S3Object::key).containsExactly("c", "d");
        assertThat(second.commonPrefixes()).isEmpty();
        ListObjectsV2Response third = s3.listObjectsV2(r -> r.bucket("bkt").delimiter("/").maxKeys(2)
                .continuationToken(second.nextContinuationToken()));
        assertThat(third.contents()).extracting(S3Object::key).containsExactly("digits");
        assertThat(third.isTruncated()).isFalse();
        assertThat(third.nextContinuationToken()).isNull();

        var under = s3.listObjectsV2(r -> r.bucket("bkt").prefix("a/").delimiter("/"));
        assertThat(under.contents()).extracting(S3Object::key).containsExactly("a/1", "a/2");
        assertThat(under.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/sub/");

        assertThat(s3.listObjectsV2Paginator(r -> r.bucket("bkt").maxKeys(3)).contents()).extracting(S3Object::key)
                .containsExactly("a/1", "a/2", "a/sub/3", "b/x", "c", "d", "digits");
        assertThat(s3.listObjectsV2(r -> r.bucket("bkt").startAfter("b/x")).contents()).extracting(S3Object::key)
                .containsExactly("c", "d", "digits");

        var v1 = s3.listObjects(r -> r.bucket("bkt").delimiter("/").maxKeys(1).marker("a/"));
        assertThat(v1.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/");
        assertThat(v1.isTruncated()).isTrue();
        assertThat(v1.nextMarker()).isEqualTo("b/");

        assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("bkt").continuationToken("not-a-token")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
    }

    @Test
    void rangedGetAnswers206WithContentRangeAnd416PastTheEnd() {
        var middle = s3.getObjectAsBytes(r -> r.bucket("bkt").key("digits").range("bytes=2-5"));
        assertThat(middle.asUtf8String()).isEqualTo("2345");
        assertThat(middle.response().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(middle.response().acceptRanges()).isEqualTo("bytes");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("bkt").key("digits").range("bytes=-3")).asUtf8String()).isEqualTo("789");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("bkt").key("digits").range("bytes=8-100")).asUtf8String()).isEqualTo("89");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("bkt").key("digits")).asUtf8String()).isEqualTo("0123456789");
        assertThat(s3.headObject(r -> r.bucket("bkt").key("digits")).acceptRanges()).isEqualTo("bytes");
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("bkt").key("digits").range("bytes=10-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void multipartUploadAssemblesPartsWithS3sEtagAndRefusesBadCompletions() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] small = "the last part may be small".getBytes(StandardCharsets.UTF_8);
        String id = s3.createMultipartUpload(r -> r.bucket("bkt").key("mp").contentType("text/plain")).uploadId();
        String e1 = s3.uploadPart(r -> r.bucket("bkt").key("mp").uploadId(id).partNumber(1), RequestBody.fromString("too small")).eTag();
        String e2 = s3.uploadPart(r -> r.bucket("bkt").key("mp").uploadId(id).partNumber(2), RequestBody.fromBytes(small)).eTag();
        assertThat(s3.listParts(r -> r.bucket("bkt").key("mp").uploadId(id)).parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(s3.listMultipartUploads(r -> r.bucket("bkt")).uploads()).extracting(u -> u.uploadId()).contains(id);

        assertThat(completeFails(id, List.of(part(1, e1), part(2, e2)))).isEqualTo("EntityTooSmall");
        assertThat(completeFails(id, List.of(part(2, e2), part(1, e1)))).isEqualTo("InvalidPartOrder");
        assertThat(completeFails(id, List.of(part(1, e2)))).isEqualTo("InvalidPart");
        assertThat(completeFails(id, List.of(part(3, e1)))).isEqualTo("InvalidPart");

        String big1 = s3.uploadPart(r -> r.bucket("bkt").key("mp").uploadId(id).partNumber(1), RequestBody.fromBytes(big)).eTag();
        String etag = s3.completeMultipartUpload(r -> r.bucket("bkt").key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(part(1, big1), part(2, e2)))).eTag();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(big));
        md5.update(MessageDigest.getInstance("MD5").digest(small));
        assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(big);
        expected.write(small);
        var got = s3.getObjectAsBytes(r -> r.bucket("bkt").key("mp"));
        assertThat(got.asByteArray()).isEqualTo(expected.toByteArray());
        assertThat(got.response().eTag()).isEqualTo(etag);
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        try (var left = Files.list(dir.resolve("s3-uploads"))) {
            assertThat(left).as("part files are deleted once the upload completes").isEmpty();
        }
        assertThatThrownBy(() -> s3.uploadPart(r -> r.bucket("bkt").key("mp").uploadId(id).partNumber(3), RequestBody.fromBytes(small)))
                .isInstanceOf(NoSuchUploadException.class);

        String aborted = s3.createMultipartUpload(r -> r.bucket("bkt").key("gone")).uploadId();
        s3.uploadPart(r -> r.bucket("bkt").key("gone").uploadId(aborted).partNumber(1), RequestBody.fromBytes(small));
        s3.abortMultipartUpload(r -> r.bucket("bkt").key("gone").uploadId(aborted));
        assertThatThrownBy(() -> s3.listParts(r -> r.bucket("bkt").key("gone").uploadId(aborted))).isInstanceOf(NoSuchUploadException.class);
        assertThat(dir.resolve("s3-uploads").resolve(aborted)).doesNotExist();
    }

    @Test
    void copyObjectAndDeleteObjects() {
        s3.createBucket(r -> r.bucket("copies"));
        String etag = s3.copyObject(r -> r.sourceBucket("bkt").sourceKey("digits").destinationBucket("copies").destinationKey("d/1"))
                .copyObjectResult().eTag();
        assertThat(etag).isEqualTo(s3.headObject(r -> r.bucket("bkt").key("digits")).eTag());
        assertThat(s3.getObjectAsBytes(r -> r.bucket("copies").key("d/1")).asUtf8String()).isEqualTo("0123456789");
        s3.copyObject(r -> r.sourceBucket("copies").sourceKey("d/1").destinationBucket("copies").destinationKey("d/1")
                .metadataDirective("REPLACE").contentType("text/plain"));
        assertThat(s3.headObject(r -> r.bucket("copies").key("d/1")).contentType()).isEqualTo("text/plain");
        assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket("copies").sourceKey("d/1").destinationBucket("copies")
                .destinationKey("d/1"))).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));

        var deleted = s3.deleteObjects(r -> r.bucket("copies").delete(d -> d.objects(o -> o.key("d/1"), o -> o.key("never"))));
        assertThat(deleted.deleted()).extracting(x -> x.key()).containsExactly("d/1", "never");
        assertThat(s3.listObjectsV2(r -> r.bucket("copies")).contents()).isEmpty();
    }

    @Test
    void anObjectBodyOverTheRequestLimitIsEntityTooLargeBeforeItIsRead() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(fx.endpoint().getHost(), fx.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            String head = "PUT /bkt/huge HTTP/1.1\r\nHost: " + fx.endpoint().getAuthority() + "\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, "
                    + "Signature=00\r\nContent-Length: 900000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>EntityTooLarge</Code>");
        }
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    private static String completeFails(String uploadId, List<CompletedPart> parts) {
        Consumer<software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest.Builder> request = r -> r.bucket("bkt")
                .key("mp").uploadId(uploadId).multipartUpload(m -> m.parts(parts));
        try {
            s3.completeMultipartUpload(request);
        } catch (S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(400);
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("CompleteMultipartUpload succeeded with " + parts);
    }
}
