package io.javeze.lambda;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.FunctionCode;

/**
 * A package as Lambda takes it: inline bytes ({@code ZipFile}) or an uploaded S3 object, with its size (which
 * scales the request's timeouts).
 */
public record PackageCode(SdkBytes zipFile, String s3Bucket, String s3Key, long size) {

    public static PackageCode inline(byte[] zip) {
        return new PackageCode(SdkBytes.fromByteArrayUnsafe(zip), null, null, zip.length);
    }

    public static PackageCode s3(String bucket, String key, long size) {
        return new PackageCode(null, bucket, key, size);
    }

    public FunctionCode toFunctionCode() {
        return FunctionCode.builder().zipFile(zipFile).s3Bucket(s3Bucket).s3Key(s3Key).build();
    }

    /** Bytes in the request itself (the S3 variant sends only a reference). */
    long requestBytes() {
        return zipFile != null ? size : 0;
    }
}
