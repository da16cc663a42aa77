package io.javeze.local.lambda;

import io.javeze.local.http.AwsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Checks uploaded deployment packages the way Lambda does before accepting them. */
final class CodeArchive {
    static final long MAX_UNZIPPED = 250L * 1024 * 1024;

    private CodeArchive() {}

    static byte[] decodeBase64(String zipFile) {
        try {
            return Base64.getDecoder().decode(zipFile);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    /** A blob member of an input shape (decoded by the protocol, or base64 text). */
    static byte[] bytes(com.fasterxml.jackson.databind.JsonNode blob) {
        try {
            return blob.isBinary() ? blob.binaryValue() : decodeBase64(blob.asText());
        } catch (IOException e) {
            throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    /** A readable zip with at least one entry, no absolute or parent-escaping entry names, under 250 MB unzipped. */
    static void validate(byte[] zip) {
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            byte[] buf = new byte[8192];
            while ((e = in.getNextEntry()) != null) {
                entries++;
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || name.equals("..") || name.startsWith("../") || name.contains("/../")
                        || name.endsWith("/..")) {
                    throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
                }
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_UNZIPPED) {
                        throw AwsException.invalidParameter("Unzipped size must be smaller than 262144000 bytes");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        if (entries == 0) {
            throw AwsException.invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }
}
