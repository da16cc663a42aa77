package io.javeze.lambda;

import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsTimeouts;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayerVersionContentInput;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;

/**
 * A service's dependency layers on Lambda: one layer name per service, one version per distinct set of dependency
 * jars. Each version's description carries the content digest ({@code javeze dependencies sha256=<hex>}), so the
 * version for a digest is found by listing ({@code ListLayerVersions}) instead of being published again; a deploy
 * interrupted after publishing finds it on the next run.
 */
public final class DependencyLayers {
    public static final String DESCRIPTION = "javeze dependencies sha256=";

    /** @param digest the content digest from the description, or null for a version javeze did not publish */
    public record Version(String arn, long number, String digest) {}

    private final LambdaClient lambda;
    private final AwsTimeouts timeouts;

    public DependencyLayers(LambdaClient lambda, AwsTimeouts timeouts) {
        this.lambda = lambda;
        this.timeouts = timeouts;
    }

    /** {@code {service}-dependencies}: Lambda allows 140 characters of {@code [a-zA-Z0-9-_]}, service names are at most 40. */
    public static String layerName(String service) {
        return service + "-dependencies";
    }

    /** Every version of the layer, newest first; none when the layer does not exist. */
    public List<Version> list(String layerName) {
        List<Version> out = new ArrayList<>();
        try {
            for (LayerVersionsListItem v : lambda.listLayerVersionsPaginator(b -> b.layerName(layerName)).layerVersions()) {
                out.add(new Version(v.layerVersionArn(), v.version() == null ? 0 : v.version(), digestOf(v.description())));
            }
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
        }
        out.sort((a, b) -> Long.compare(b.number(), a.number()));
        return out;
    }

    /** The version holding exactly this content, or null. */
    public Version find(String layerName, String digest) {
        return list(layerName).stream().filter(v -> digest.equals(v.digest())).findFirst().orElse(null);
    }

    /**
     * Publishes the layer's zip as a new version tagged with its digest, unless one already holds that digest
     * (published by an earlier, interrupted deploy, or by another stage's deploy meanwhile).
     *
     * @param compatibleRuntimes only a filter for listings (Lambda does not enforce it); empty for none
     * @return the layer version's ARN
     */
    public String publish(String layerName, String digest, PackageCode zip, List<String> compatibleRuntimes) {
        Version existing = find(layerName, digest);
        if (existing != null) return existing.arn();
        LayerVersionContentInput content = LayerVersionContentInput.builder()
                .zipFile(zip.zipFile()).s3Bucket(zip.s3Bucket()).s3Key(zip.s3Key()).build();
        return lambda.publishLayerVersion(b -> {
            b.layerName(layerName).description(DESCRIPTION + digest).content(content)
                    .overrideConfiguration(timeouts.forUpload(zip.requestBytes()));
            if (!compatibleRuntimes.isEmpty()) b.compatibleRuntimesWithStrings(compatibleRuntimes);
        }).layerVersionArn();
    }

    /** Deletes one version; one already gone counts as deleted. Functions using it keep working (Lambda keeps a copy). */
    public void delete(String layerName, long number) {
        try {
            lambda.deleteLayerVersion(b -> b.layerName(layerName).versionNumber(number));
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
        }
    }

    static String digestOf(String description) {
        if (description == null || !description.startsWith(DESCRIPTION)) return null;
        String rest = description.substring(DESCRIPTION.length()).trim();
        return rest.matches("[0-9a-f]{64}") ? rest : null;
    }
}
