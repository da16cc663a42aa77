package io.javeze.deploy.model;

import io.javeze.config.manifest.FunctionKind;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Lambda function as it should be.
 *
 * @param name        the function's name inside the app
 * @param lambdaName  its Lambda function name
 * @param codeSha256  base64 SHA-256 of its package, as Lambda reports {@code CodeSha256}
 * @param packageFile the zip to upload when the code differs
 * @param packageSha256Hex content address of the package (identical packages share it)
 * @param snapStart   published versions get SnapStart ({@code ApplyOn: PublishedVersions}), else {@code None}
 */
public record FunctionTarget(
        String name,
        String lambdaName,
        FunctionKind kind,
        String handler,
        String runtime,
        int memorySize,
        int timeout,
        String roleName,
        String architecture,
        Map<String, String> environment,
        Map<String, String> tags,
        String codeSha256,
        Path packageFile,
        String packageSha256Hex,
        long packageSize,
        boolean snapStart) {

    public FunctionTarget {
        environment = Map.copyOf(environment);
        tags = Map.copyOf(tags);
    }

    /** A function without SnapStart. */
    public FunctionTarget(String name, String lambdaName, FunctionKind kind, String handler, String runtime, int memorySize,
                          int timeout, String roleName, String architecture, Map<String, String> environment,
                          Map<String, String> tags, String codeSha256, Path packageFile, String packageSha256Hex, long packageSize) {
        this(name, lambdaName, kind, handler, runtime, memorySize, timeout, roleName, architecture, environment, tags,
                codeSha256, packageFile, packageSha256Hex, packageSize, false);
    }
}
