package io.javeze.function;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;
import io.javeze.build.NativeArchitecture;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a Lambda zip once: digest, handler classes at its root, and the architecture of any native code,
 * including native libraries inside the jars under {@code lib/} (netty, sqlite and friends ship them there).
 */
final class PackageInspector {
    private PackageInspector() {}

    static LambdaPackage inspect(Path zip, String flag) {
        if (!Files.isRegularFile(zip) || !Files.isReadable(zip)) {
            throw new JavezeException(flag + ": cannot read " + zip + ": no such file");
        }
        Set<String> architectures = new TreeSet<>();
        Set<String> jarArchitectures = new TreeSet<>();
        HandlerScanner handlers = new HandlerScanner();
        boolean bootstrap = false;
        boolean extensions = false;
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            var entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith("extensions/")) {
                    extensions = true;
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals("bootstrap")) {
                    bootstrap = true;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    if (name.endsWith(".class") && !name.contains("/lib/") && !name.startsWith("lib/") && !name.startsWith("META-INF/")) {
                        addClass(handlers, in.readAllBytes(), zip, name, flag);
                    } else if (name.endsWith(".jar")) {
                        scanJar(in, jarArchitectures);
                    } else {
                        elf(in).ifPresent(architectures::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new JavezeException(flag + ": " + zip + " is not a readable zip: " + e.getMessage(), e);
        }
        // Binaries at the top of the package decide; jars built for several platforms carry both and then run on
        // either, where x86_64 is Lambda's default.
        Set<String> deciding = architectures.isEmpty() ? jarArchitectures : architectures;
        String architecture = deciding.size() == 1 ? deciding.iterator().next() : "x86_64";
        String[] digest = digest(zip);
        try {
            return new LambdaPackage(zip, Files.size(zip), digest[0], digest[1], architecture, bootstrap, extensions, handlers.handlers());
        } catch (IOException e) {
            throw new JavezeException(flag + ": cannot read " + zip + ": " + e.getMessage());
        }
    }

    /** ASM rejects a malformed class file with these; only that input is the user's problem, any other failure is a bug. */
    private static void addClass(HandlerScanner handlers, byte[] classFile, Path zip, String name, String flag) {
        try {
            handlers.add(classFile);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new JavezeException(flag + ": " + zip + ": " + name + " is not a valid class file", e);
        }
    }

    private static void scanJar(InputStream jar, Set<String> architectures) throws IOException {
        ZipArchiveInputStream in = new ZipArchiveInputStream(jar);
        ZipArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            String name = entry.getName();
            if (!entry.isDirectory() && NativeArchitecture.isSharedLibraryName(name)) {
                elf(in).ifPresent(architectures::add);
            }
        }
    }

    private static Optional<String> elf(InputStream in) throws IOException {
        byte[] header = new byte[20];
        int n = in.readNBytes(header, 0, header.length);
        return NativeArchitecture.ofElf(java.util.Arrays.copyOf(header, n));
    }

    private static String[] digest(Path zip) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(zip), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            byte[] sha = ((DigestInputStream) in).getMessageDigest().digest();
            return new String[] {Base64.getEncoder().encodeToString(sha), HexFormat.of().formatHex(sha)};
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new JavezeException("cannot read " + zip + ": " + e.getMessage());
        }
    }
}
