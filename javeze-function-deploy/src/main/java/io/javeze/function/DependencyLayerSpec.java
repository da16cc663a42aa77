package io.javeze.function;

/**
 * {@code --dependency-layer}: the project's runtime jars as a Lambda layer beside the function's own classes.
 *
 * @param layerName {@code NAME-dependencies}
 * @param digest    the content digest of its jars (javeze-build's {@code DependencyLayer}), kept in the version's description
 * @param pkg       the layer's zip ({@code target/javeze/NAME-dependencies.zip})
 */
public record DependencyLayerSpec(String layerName, String digest, LambdaPackage pkg) {}
