package io.javeze.function;

import java.nio.file.Path;
import java.util.List;

/**
 * A deployment package as javeze read it before talking to AWS.
 *
 * @param zip          the zip file
 * @param size         its size in bytes
 * @param codeSha256   base64 SHA-256 of the zip, as Lambda reports {@code CodeSha256}
 * @param sha256Hex    the same digest in hex (used for S3 keys)
 * @param architecture {@code x86_64} or {@code arm64}, from the ELF headers of native code in the package
 * @param bootstrap    true when the zip has an executable {@code bootstrap} at its root (custom runtime)
 * @param extensions   true when the zip has an {@code extensions/} directory (external Lambda extension)
 * @param handlers     {@code package.Class::handleRequest} for each RequestHandler/RequestStreamHandler class found
 */
public record LambdaPackage(
        Path zip,
        long size,
        String codeSha256,
        String sha256Hex,
        String architecture,
        boolean bootstrap,
        boolean extensions,
        List<String> handlers) {

    public LambdaPackage {
        handlers = List.copyOf(handlers);
    }
}
