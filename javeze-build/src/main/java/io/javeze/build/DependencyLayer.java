package io.javeze.build;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependency jars of a function, as a Lambda layer: each jar (a {@link StoredJar}) under {@code java/lib/},
 * which Lambda's Java runtimes put on the class path after the function's own classes ({@code /opt/java/lib}).
 * A layer is named by its content: the digest of its jars' names and digests, sorted, so functions with the same
 * dependencies share one layer and a deploy publishes it only when that digest is new.
 */
public final class DependencyLayer {
    public static final String LIBRARY_DIR = "java/lib/";
    static final String FORMAT = "javeze-layer/1";

    private DependencyLayer() {}

    /** @param jarDigests jar file name → lower-case hex SHA-256 of the jar file */
    public static String digest(Map<String, String> jarDigests) {
        MessageDigest md = Packager.sha256();
        md.update((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        new TreeMap<>(jarDigests).forEach((name, sha) -> md.update((name + " " + sha + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    /** A layer made from jar files: its content digest and its zip. */
    public record Built(String digest, byte[] zip) {}

    /**
     * The layer of these jars, as {@code javeze build} makes it ({@code javeze function deploy --dependency-layer}).
     * Jars with the same file name are refused: only one would reach {@code java/lib/}.
     */
    public static Built of(List<Path> jars) {
        Map<String, String> digests = new LinkedHashMap<>();
        List<PackageEntry> stored = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            byte[] content;
            try {
                content = Files.readAllBytes(jar);
            } catch (IOException e) {
                throw new JavezeException(jar + ": cannot read dependency jar: " + e.getMessage(), e);
            }
            if (digests.put(name, HexFormat.of().formatHex(Packager.sha256(content))) != null) {
                throw new JavezeException(jar + ": two runtime dependencies are both named " + name);
            }
            stored.add(StoredJar.of(new PackageEntry("lib/" + name, content, false)));
        }
        return new Built(digest(digests), zip(stored));
    }

    /** The layer's file inside {@code .javeze/packages}. */
    static String fileName(String digest) {
        return "layer-" + digest.substring(0, 16) + ".zip";
    }

    /** @param storedJars the jars as {@code lib/NAME.jar} entries, already rewritten as {@link StoredJar}s */
    static byte[] zip(List<PackageEntry> storedJars) {
        List<PackageEntry> entries = new ArrayList<>();
        for (PackageEntry jar : storedJars) {
            String name = jar.path().substring(jar.path().lastIndexOf('/') + 1);
            entries.add(new PackageEntry(LIBRARY_DIR + name, jar.content(), false));
        }
        return ReproducibleZip.write(entries);
    }

    /** Whether an entry of a zip is a layer's jar (for checks on what a package or layer holds). */
    public static boolean isLayerJar(String entry) {
        return entry.startsWith(LIBRARY_DIR) && entry.endsWith(".jar") && entry.indexOf('/', LIBRARY_DIR.length()) < 0;
    }
}
