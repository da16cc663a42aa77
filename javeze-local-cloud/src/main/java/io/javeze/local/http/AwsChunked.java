package io.javeze.local.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the {@code aws-chunked} content encoding the AWS SDKs use for streaming S3 uploads
 * ({@code hex-size[;chunk-signature=...]\r\n data \r\n ... 0\r\n trailers \r\n\r\n}).
 * Signatures and trailing checksums are not verified: the local cloud accepts any credentials.
 */
final class AwsChunked {
    private AwsChunked() {}

    static boolean applies(java.util.Map<String, String> headers) {
        String sha = headers.get("x-amz-content-sha256");
        String enc = headers.get("content-encoding");
        return (sha != null && sha.startsWith("STREAMING-")) || (enc != null && enc.contains("aws-chunked"));
    }

    static byte[] decode(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                throw new AwsException(400, "IncompleteBody", "The request body terminated unexpectedly");
            }
            String header = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semi = header.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? header : header.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new AwsException(400, "InvalidChunkSizeError", "Only the last chunk is allowed to have a size less than 8192 bytes");
            }
            pos = lineEnd + 2;
            if (size == 0) {
                break;
            }
            if (pos + size > body.length) {
                throw new AwsException(400, "IncompleteBody", "The request body terminated unexpectedly");
            }
            out.write(body, pos, (int) size);
            pos += (int) size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
