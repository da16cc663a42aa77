package io.javeze.function;

import java.util.List;

/**
 * What a deploy did (or, with --dry-run, would do).
 *
 * @param action          {@code created}, {@code updated}, {@code unchanged} or {@code published} (a layer version)
 * @param functionArn     the function's unqualified ARN; null for an extension, or a dry-run create
 * @param version         the published version, or {@code $LATEST} when none was published
 * @param alias           the alias pointing at {@code version}, or null
 * @param functionUrl     the function URL when one is configured, else null
 * @param codeSha256      base64 SHA-256 of the deployed package
 * @param layerVersionArn the published layer version (--extension), else null
 * @param changes         each change made, in order; empty when nothing changed
 */
public record DeployResult(
        String name,
        String action,
        String functionArn,
        String version,
        String alias,
        String functionUrl,
        String codeSha256,
        String architecture,
        String layerVersionArn,
        boolean dryRun,
        List<String> changes,
        List<String> warnings) {

    public DeployResult {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }
}
