package io.javeze.local.exec;

import io.javeze.local.security.RoleSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to run one version of a function, as the Lambda control plane stored it.
 *
 * @param functionName   the function's name
 * @param functionArn    its unqualified ARN
 * @param version        {@code $LATEST} or a published version number
 * @param runtime        e.g. {@code java21}, {@code provided.al2023}
 * @param handler        e.g. {@code com.example.Hello::handleRequest}
 * @param codeZip        the deployment package as uploaded (not yet unpacked)
 * @param codeSha256     base64 SHA-256 of {@code codeZip}: instances built from other code are never reused
 * @param memoryMb       configured memory; the instance's heap limit follows it
 * @param timeoutSeconds enforced: an invocation running longer is killed and fails as on AWS
 * @param environment    the function's environment variables
 * @param architecture   {@code x86_64} or {@code arm64}
 * @param layerZips      layer packages in attach order, unpacked under /opt as Lambda does
 * @param snapStart      a published version with SnapStart on: each instance runs the runtime hooks
 *                       ({@code beforeCheckpoint}, then {@code afterRestore}) after init, before its first invocation
 * @param credentials    the execution role's temporary credentials, which the instance's SDK signs with; null for none
 */
public record FunctionRuntimeConfig(
        String functionName,
        String functionArn,
        String version,
        String runtime,
        String handler,
        Path codeZip,
        String codeSha256,
        int memoryMb,
        int timeoutSeconds,
        Map<String, String> environment,
        String architecture,
        List<Path> layerZips,
        boolean snapStart,
        RoleSessions.Credentials credentials) {

    public FunctionRuntimeConfig {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        layerZips = layerZips == null ? List.of() : List.copyOf(layerZips);
    }

    /** A function without credentials. */
    public FunctionRuntimeConfig(String functionName, String functionArn, String version, String runtime, String handler,
                                 Path codeZip, String codeSha256, int memoryMb, int timeoutSeconds,
                                 Map<String, String> environment, String architecture, List<Path> layerZips, boolean snapStart) {
        this(functionName, functionArn, version, runtime, handler, codeZip, codeSha256, memoryMb, timeoutSeconds, environment,
                architecture, layerZips, snapStart, null);
    }

    /** A function without SnapStart or credentials. */
    public FunctionRuntimeConfig(String functionName, String functionArn, String version, String runtime, String handler,
                                 Path codeZip, String codeSha256, int memoryMb, int timeoutSeconds,
                                 Map<String, String> environment, String architecture, List<Path> layerZips) {
        this(functionName, functionArn, version, runtime, handler, codeZip, codeSha256, memoryMb, timeoutSeconds, environment,
                architecture, layerZips, false);
    }
}
