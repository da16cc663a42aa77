package io.javeze.dev.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.build.maven.CompilerArguments;
import io.javeze.build.maven.MavenProject;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The javac options and runtime classpath Maven gives the project, cached in {@code .javeze/dev/compiler.json} under
 * the digest of {@code pom.xml}: Maven runs once per pom.xml, never for a source edit.
 */
public final class CompilerSettings {
    static final String FILE = "dev/compiler.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the cache file holds. */
    record Cached(String pomSha256, List<String> javacOptions, List<String> runtimeClasspath) {}

    /** @param fromMaven true when Maven ran (and so compiled the project and copied its resources) */
    public record Resolved(CompilerArguments arguments, boolean fromMaven) {}

    private CompilerSettings() {}

    public static Resolved resolve(Path projectDir, MavenProject maven) {
        Path pom = projectDir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new JavezeException(pom + ": not found; a javeze project is a Maven project");
        }
        String digest = sha256(pom);
        Path file = projectDir.resolve(ManifestStore.DIRECTORY).resolve(FILE);
        Cached cached = read(file);
        if (cached != null && cached.pomSha256().equals(digest)
                && cached.runtimeClasspath().stream().allMatch(p -> Files.isRegularFile(Path.of(p)))) {
            return new Resolved(new CompilerArguments(cached.javacOptions(), cached.runtimeClasspath().stream().map(Path::of).toList()), false);
        }
        CompilerArguments arguments = maven.resolveCompilerArguments(file.resolveSibling(".runtime-classpath.txt"));
        try {
            AtomicFiles.writeReadable(file, JSON.writeValueAsString(new Cached(digest, arguments.javacOptions(),
                    arguments.runtimeClasspath().stream().map(Path::toString).toList())) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Resolved(arguments, true);
    }

    private static Cached read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Cached.class) : null;
        } catch (IOException e) {
            return null; // a damaged cache is resolved again
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
