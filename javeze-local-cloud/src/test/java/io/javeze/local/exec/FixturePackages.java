package io.javeze.local.exec;

import io.javeze.local.exec.fixtures.Echo;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds Lambda deployment packages from the compiled test fixtures. */
public final class FixturePackages {

    private FixturePackages() {}

    /** A zip holding the classes of {@code io.javeze.local.exec.fixtures}, as a Lambda Java package does. */
    public static Path fixtureZip(Path dir) throws IOException {
        Path classes;
        try {
            classes = Path.of(Echo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IOException(e);
        }
        Path zip = dir.resolve("fixtures.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip);
             Stream<Path> files = Files.walk(classes.resolve("io/javeze/local/exec/fixtures"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putArchiveEntry(new ZipArchiveEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeArchiveEntry();
            }
            // the Primed fixture's org.crac API travels in the package, as in a javeze package
            out.putArchiveEntry(new ZipArchiveEntry("lib/org-crac.jar"));
            out.write(Files.readAllBytes(jarOf(org.crac.Core.class)));
            out.closeArchiveEntry();
        }
        return zip;
    }

    private static Path jarOf(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try {
            return Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FunctionRuntimeConfig config(String name, String runtime, String handler, Path zip, int timeoutSeconds,
                                               Map<String, String> environment) throws IOException {
        return new FunctionRuntimeConfig(name, "arn:aws:lambda:eu-west-1:000000000000:function:" + name, "$LATEST",
                runtime, handler, zip, sha256(zip), 256, timeoutSeconds, environment, "x86_64", List.of());
    }
}
