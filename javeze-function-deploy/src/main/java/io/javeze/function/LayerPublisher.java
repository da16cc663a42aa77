package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsErrors;
import io.javeze.lambda.PackageCode;
import java.util.HashSet;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;

/**
 * {@code --extension}: publishes the package as a new version of a Lambda layer, unless the latest version already
 * has exactly this content and runtimes. Attach it to functions with {@code --layer ARN}.
 */
final class LayerPublisher {
    private final AwsClients aws;
    private final LambdaClient lambda;
    private final DeploySpec spec;
    private final Changes changes;

    LayerPublisher(AwsClients aws, DeploySpec spec, Changes changes) {
        this.aws = aws;
        this.lambda = aws.lambda();
        this.spec = spec;
        this.changes = changes;
    }

    DeployResult publish() {
        GetLayerVersionResponse latest = latest();
        if (latest != null && spec.pkg().codeSha256().equals(latest.content().codeSha256())
                && new HashSet<>(latest.compatibleRuntimesAsStrings()).equals(new HashSet<>(spec.compatibleRuntimes()))) {
            return result("unchanged", latest.layerVersionArn(), String.valueOf(latest.version()));
        }
        if (spec.tags() != null && spec.s3Bucket() == null) {
            changes.warn("Lambda layers cannot be tagged; the tags were not applied (with --s3-bucket they go on the S3 object)");
        }
        String[] published = {null, null};
        changes.apply("publish layer " + spec.name() + " (" + (spec.internalExtension() ? "internal" : "external") + " extension, "
                + String.join(",", spec.compatibleRuntimes()) + ", " + spec.pkg().architecture() + ")", () -> {
            PackageCode code = PackageUpload.code(aws.s3(), aws.timeouts(), spec, changes);
            var response = lambda.publishLayerVersion(r -> r.layerName(spec.name())
                    .description(spec.description())
                    .content(c -> c.zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key()))
                    .compatibleRuntimesWithStrings(spec.compatibleRuntimes())
                    .compatibleArchitectures(Architecture.fromValue(spec.pkg().architecture()))
                    .overrideConfiguration(aws.timeouts().forUpload(code.zipFile() != null ? code.size() : 0)));
            published[0] = response.layerVersionArn();
            published[1] = String.valueOf(response.version());
        });
        return result("published", published[0], published[1]);
    }

    private GetLayerVersionResponse latest() {
        try {
            var versions = lambda.listLayerVersions(r -> r.layerName(spec.name()).maxItems(1)).layerVersions();
            if (versions.isEmpty()) {
                return null;
            }
            LayerVersionsListItem newest = versions.get(0);
            return lambda.getLayerVersion(r -> r.layerName(spec.name()).versionNumber(newest.version()));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) return null;
            throw e;
        }
    }

    private DeployResult result(String action, String arn, String version) {
        return new DeployResult(spec.name(), action, null, version, null, null, spec.pkg().codeSha256(),
                spec.pkg().architecture(), arn, spec.dryRun(), changes.made(), changes.warnings());
    }
}
