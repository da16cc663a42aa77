package io.javeze.function;

import io.javeze.aws.TargetRequest;
import java.util.List;
import java.util.Map;

/**
 * A validated deploy request: every value is known to be acceptable to AWS, and the package has been read.
 * Null means "not given": on update the remote setting stays as it is; on create AWS's or javeze's default applies.
 * The handler is always resolved (for a create), but an update changes it only when {@code handlerGiven}.
 */
public record DeploySpec(
        String name,
        LambdaPackage pkg,
        String handler,
        boolean handlerGiven,
        String role,
        FunctionUrlChange functionUrl,
        Map<String, String> environment,
        boolean mergeEnvironment,
        Map<String, String> tags,
        boolean extension,
        List<String> compatibleRuntimes,
        boolean internalExtension,
        List<String> layers,
        Integer memory,
        Integer timeout,
        String tracing,
        String runtime,
        String description,
        String alias,
        String s3Bucket,
        String s3Key,
        Integer logRetentionDays,
        List<String> subnetIds,
        List<String> securityGroupIds,
        Integer retryAttempts,
        boolean dryRun,
        OutputFormat outputFormat,
        TargetRequest.Validated target,
        Boolean snapStart,
        DependencyLayerSpec dependencyLayer) {

    /** Versions are published when the user names the version (description) or points an alias at it. */
    public boolean publishesVersion() {
        return description != null || alias != null;
    }
}
