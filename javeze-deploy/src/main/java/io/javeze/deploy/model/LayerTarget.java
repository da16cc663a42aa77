package io.javeze.deploy.model;

import java.nio.file.Path;

/**
 * A dependency layer a function needs, from the build's {@code layers.json}: named by the digest of its jars.
 *
 * @param digest    the content address ({@code io.javeze.build.DependencyLayer#digest}), also in the version's description
 * @param layerName the service's layer ({@code DependencyLayers.layerName})
 * @param file      the zip to publish when no version holds the digest yet
 * @param arn       the layer version already holding this digest, or null when this deploy must publish it
 */
public record LayerTarget(String digest, String layerName, Path file, String sha256Hex, long size, String arn) {

    public LayerTarget withName(String name) {
        return new LayerTarget(digest, name, file, sha256Hex, size, arn);
    }

    public LayerTarget withArn(String versionArn) {
        return new LayerTarget(digest, layerName, file, sha256Hex, size, versionArn);
    }
}
