package io.javeze.deploy.model;

import io.javeze.config.manifest.FunctionKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One Lambda function as it should be.
 *
 * @param name        the function's name inside the app
 * @param lambdaName  its Lambda function name
 * @param codeSha256  base64 SHA-256 of its package, as Lambda reports {@code CodeSha256}
 * @param packageFile the zip to upload when the code differs
 * @param packageSha256Hex content address of the package (identical packages share it)
 * @param layer       the dependency layer it runs with, or null when its package holds its jars
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
        LayerTarget layer,
        boolean snapStart) {

    public FunctionTarget {
        environment = Map.copyOf(environment);
        tags = Map.copyOf(tags);
    }

    /** A function whose package holds its dependency jars (no layer), without SnapStart. */
    public FunctionTarget(String name, String lambdaName, FunctionKind kind, String handler, String runtime, int memorySize,
                          int timeout, String roleName, String architecture, Map<String, String> environment,
                          Map<String, String> tags, String codeSha256, Path packageFile, String packageSha256Hex, long packageSize) {
        this(name, lambdaName, kind, handler, runtime, memorySize, timeout, roleName, architecture, environment, tags,
                codeSha256, packageFile, packageSha256Hex, packageSize, null, false);
    }

    public FunctionTarget withLayer(LayerTarget l) {
        return new FunctionTarget(name, lambdaName, kind, handler, runtime, memorySize, timeout, roleName, architecture,
                environment, tags, codeSha256, packageFile, packageSha256Hex, packageSize, l, snapStart);
    }

    /** Whether a configuration's layer version ARNs are exactly the wanted ones (an unpublished layer matches none). */
    public boolean layersMatch(List<String> layerArns) {
        List<String> actual = layerArns == null ? List.of() : layerArns;
        if (layer == null) return actual.isEmpty();
        return layer.arn() != null && actual.equals(List.of(layer.arn()));
    }
}
