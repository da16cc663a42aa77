package io.javeze.lambda;

import io.javeze.config.JavezeException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionCode;

/**
 * A package as Lambda takes it: inline bytes ({@code ZipFile}) or an uploaded S3 object, with its size (which
 * scales the request's timeouts) and, when known, the package it was read from.
 *
 * @param source the zip and its digest from the build index, or null when nothing is known to check against
 */
public record PackageCode(SdkBytes zipFile, String s3Bucket, String s3Key, long size, CodeStore.Package source) {

    public static PackageCode inline(byte[] zip) {
        return new PackageCode(SdkBytes.fromByteArrayUnsafe(zip), null, null, zip.length, null);
    }

    static PackageCode inline(byte[] zip, CodeStore.Package source) {
        return new PackageCode(SdkBytes.fromByteArrayUnsafe(zip), null, null, zip.length, source);
    }

    public static PackageCode s3(String bucket, String key, long size) {
        return new PackageCode(null, bucket, key, size, null);
    }

    static PackageCode s3(String bucket, String key, CodeStore.Package source) {
        return new PackageCode(null, bucket, key, source.size(), source);
    }

    public FunctionCode toFunctionCode() {
        return FunctionCode.builder().zipFile(zipFile).s3Bucket(s3Bucket).s3Key(s3Key).build();
    }

    /** Bytes in the request itself (the S3 variant sends only a reference). */
    long requestBytes() {
        return zipFile != null ? size : 0;
    }

    /**
     * Checks the code Lambda received against the digest the package was indexed with. Lambda computes
     * {@code CodeSha256} of what it stored, so the bytes are hashed once on this side (at build time) instead of
     * again before every upload: a zip rebuilt between build and deploy is caught here, before any alias moves onto it.
     */
    void verify(String lambdaCodeSha256) {
        if (source == null || source.sha256Hex() == null || lambdaCodeSha256 == null) return;
        String expected = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(source.sha256Hex()));
        if (!expected.equals(lambdaCodeSha256)) {
            throw new JavezeException(source.file() + ": changed since it was packaged; build it again");
        }
    }
}
