package io.javeze.deploy.packages;

import io.javeze.deploy.model.LayerTarget;
import java.nio.file.Path;

/**
 * One function's package from {@code .javeze/packages/index.json}.
 *
 * @param sha256       hex SHA-256 of the zip (its content address)
 * @param codeSha256   base64 SHA-256, as Lambda reports {@code CodeSha256}
 * @param architecture x86_64 or arm64, or null when the package has no native code
 * @param layer        the dependency layer the build put its jars in, or null
 */
public record PackageEntry(String function, Path file, String sha256, String codeSha256, long size, String architecture,
                           LayerTarget layer) {

    public PackageEntry(String function, Path file, String sha256, String codeSha256, long size, String architecture) {
        this(function, file, sha256, codeSha256, size, architecture, null);
    }
}
