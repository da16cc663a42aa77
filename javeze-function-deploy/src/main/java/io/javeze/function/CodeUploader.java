package io.javeze.function;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/** Gets the package to Lambda: inline in the request, or through S3 (with the deploy's tags on the object). */
final class CodeUploader {
    /** Where the code is: inline bytes, or an uploaded S3 object. */
    record Code(SdkBytes zipFile, String s3Bucket, String s3Key) {}

    private CodeUploader() {}

    static String s3Key(DeploySpec spec) {
        return spec.s3Key() != null ? spec.s3Key() : spec.name() + "/" + spec.pkg().sha256Hex() + ".zip";
    }

    static Code upload(S3Client s3, DeploySpec spec, Changes changes) {
        if (spec.s3Bucket() == null) {
            try {
                return new Code(SdkBytes.fromByteArrayUnsafe(Files.readAllBytes(spec.pkg().zip())), null, null);
            } catch (IOException e) {
                throw new JavezeException("cannot read " + spec.pkg().zip() + ": " + e.getMessage());
            }
        }
        String key = s3Key(spec);
        changes.apply("upload package to s3://" + spec.s3Bucket() + "/" + key, () -> s3.putObject(r -> {
            r.bucket(spec.s3Bucket()).key(key).contentType("application/zip");
            Map<String, String> tags = spec.tags();
            if (tags != null && !tags.isEmpty()) {
                r.tagging(Tagging.builder().tagSet(tags.entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()).build());
            }
        }, RequestBody.fromFile(spec.pkg().zip())));
        return new Code(null, spec.s3Bucket(), key);
    }
}
