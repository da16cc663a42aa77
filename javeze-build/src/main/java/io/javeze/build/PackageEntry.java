package io.javeze.build;

/**
 * One file inside a function package.
 *
 * @param path       its path in the zip, with '/' separators
 * @param content    its bytes
 * @param executable whether it is unpacked with mode 0755 rather than 0644
 */
public record PackageEntry(String path, byte[] content, boolean executable) {}
