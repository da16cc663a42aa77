package io.javeze.deploy.packages;

import io.javeze.deploy.model.LayerTarget;
import io.javeze.build.permissions.AwsCall;
import java.nio.file.Path;
import java.util.List;

/**
 * One function's package from {@code .javeze/packages/index.json}.
 *
 * @param sha256       hex SHA-256 of the zip (its content address)
 * @param codeSha256   base64 SHA-256, as Lambda reports {@code CodeSha256}
 * @param architecture x86_64 or arm64, or null when the package has no native code
 * @param layer        the dependency layer the build put its jars in, or null
 * @param awsCalls     the AWS SDK calls the build found in its classes
 */
public record PackageEntry(String function, Path file, String sha256, String codeSha256, long size, String architecture,
                           LayerTarget layer, List<AwsCall> awsCalls) {

    public PackageEntry {
        awsCalls = awsCalls == null ? List.of() : List.copyOf(awsCalls);
    }

    public PackageEntry(String function, Path file, String sha256, String codeSha256, long size, String architecture,
                        LayerTarget layer) {
        this(function, file, sha256, codeSha256, size, architecture, layer, List.of());
    }

    public PackageEntry(String function, Path file, String sha256, String codeSha256, long size, String architecture) {
        this(function, file, sha256, codeSha256, size, architecture, null);
    }
}
