package io.javeze.build;

import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * A package's Lambda architecture, from its content: native libraries (also inside jars) for exactly one of
 * x86_64 / arm64 decide it; a pure-JVM package, or one with native code for both, gets {@code [lambda] architecture}.
 */
public final class ArchitectureResolver {
    private static final int ELF_HEADER = 20;

    private ArchitectureResolver() {}

    public static String resolve(String function, Collection<PackageEntry> entries, JavezeConfig.LambdaDefaults lambda) {
        Map<String, String> found = nativeLibraries(entries);
        boolean x86 = found.containsValue(NativeArchitecture.X86_64);
        boolean arm = found.containsValue(NativeArchitecture.ARM64);
        if (x86 == arm) {
            return lambda.architecture();
        }
        String only = x86 ? NativeArchitecture.X86_64 : NativeArchitecture.ARM64;
        if (lambda.architectureSet() && !only.equals(lambda.architecture())) {
            String example = found.entrySet().stream().filter(e -> e.getValue().equals(only)).findFirst().orElseThrow().getKey();
            throw new JavezeException("function " + function + ": its native code is for " + only + " only (" + example
                    + ") but javeze.toml sets [lambda] architecture = \"" + lambda.architecture()
                    + "\"; set it to \"" + only + "\" or use a dependency built for " + lambda.architecture());
        }
        return only;
    }

    /** Path (jar!/entry for libraries inside jars) to architecture, for every ELF library Lambda could run. */
    static Map<String, String> nativeLibraries(Collection<PackageEntry> entries) {
        Map<String, String> found = new TreeMap<>();
        for (PackageEntry e : entries) {
            if (NativeArchitecture.isSharedLibraryName(e.path())) {
                NativeArchitecture.ofElf(e.content()).ifPresent(arch -> found.put(e.path(), arch));
            } else if (e.path().endsWith(".jar")) {
                scanJar(e, found);
            }
        }
        return found;
    }

    private static void scanJar(PackageEntry jar, Map<String, String> found) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(jar.content())).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (!entry.isDirectory() && NativeArchitecture.isSharedLibraryName(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        String name = jar.path() + "!/" + entry.getName();
                        NativeArchitecture.ofElf(in.readNBytes(ELF_HEADER)).ifPresent(arch -> found.put(name, arch));
                    }
                }
            }
        } catch (IOException e) {
            throw new JavezeException(jar.path() + ": not a readable jar: " + e.getMessage(), e);
        }
    }
}
