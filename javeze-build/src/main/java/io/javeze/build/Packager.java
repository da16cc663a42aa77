package io.javeze.build;

import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds one Lambda deployment zip per manifest function under {@code .javeze/packages}: the application classes
 * reachable from the function's generated handler, all resources at the root, the runtime dependency jars in
 * {@code lib/} (as {@link StoredJar}s). A package whose bytes did not change is not rewritten; packages of removed functions are deleted.
 */
public final class Packager {

    /** Hears about each package as it is done, for progress output. */
    public interface Listener {
        default void packaging(FunctionSpec function) {}

        default void packaged(PackageResult result) {}
    }

    /**
     * @param function     the function's name in the manifest
     * @param entry        what the index now says about its package
     * @param changed      false when an identical zip was already there and was left alone
     * @param classCount   application classes in the package
     */
    public record PackageResult(String function, PackageIndex.Entry entry, boolean changed, int classCount) {}

    private final Path projectDir;
    private final JavezeConfig config;
    private final Manifest manifest;
    private final ApplicationFiles files;
    private final List<PackageEntry> libraries;
    private byte[] sharedInputs;

    public Packager(Path projectDir, JavezeConfig config, Manifest manifest, ApplicationFiles files) {
        this(projectDir, config, manifest, files, StoredLibraries.of(files));
    }

    /** @param libraries the dependency jars already rewritten, for callers that package again and again (javeze dev) */
    public Packager(Path projectDir, JavezeConfig config, Manifest manifest, ApplicationFiles files, StoredLibraries libraries) {
        this.projectDir = projectDir;
        this.config = config;
        this.manifest = manifest;
        this.files = files;
        this.libraries = libraries.entries();
    }

    /** The dependency jars as packages hold them, computed once per set of jars. */
    public record StoredLibraries(List<PackageEntry> entries) {
        public static StoredLibraries of(ApplicationFiles files) {
            return new StoredLibraries(files.libraries().stream().map(StoredJar::of).toList());
        }
    }

    public List<PackageResult> build(Listener listener) {
        return build(listener, function -> true);
    }

    /**
     * Like {@link #build(Listener)}, but a function {@code rebuild} rejects keeps the package the index lists for it
     * (when there is one and its file is there): how javeze dev re-packages only the functions an edit reached.
     */
    public List<PackageResult> build(Listener listener, java.util.function.Predicate<FunctionSpec> rebuild) {
        if (manifest.functions().isEmpty()) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": no functions; annotate a method with @Route, @Auth or @Subscriber");
        }
        Map<String, PackageIndex.Entry> old = PackageIndex.readIfPresent(projectDir);
        Map<String, PackageIndex.Entry> index = new TreeMap<>();
        List<PackageResult> results = new ArrayList<>();
        for (FunctionSpec function : manifest.functions()) {
            PackageIndex.Entry previous = old.get(function.name());
            if (previous != null && !rebuild.test(function) && Files.isRegularFile(previous.path(projectDir))) {
                index.put(function.name(), previous);
                continue;
            }
            listener.packaging(function);
            PackageResult result = buildOne(function, previous);
            index.put(function.name(), result.entry());
            results.add(result);
            listener.packaged(result);
        }
        PackageIndex.write(projectDir, index);
        deleteStalePackages(index);
        return results;
    }

    /**
     * SHA-256 (hex) of everything the function's package is made of: its reachable classes, the resources and the
     * dependency jars. Equal digests mean an identical package.
     */
    public String inputDigest(FunctionSpec function) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((function.name() + "\0" + function.handler() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String name : new java.util.TreeSet<>(classesOf(function))) {
                digest.update((name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(files.classes().get(name));
            }
            digest.update(sharedInputs());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of what every package holds (resources, dependency jars), computed once, not once per function. */
    private synchronized byte[] sharedInputs() throws NoSuchAlgorithmException {
        if (sharedInputs == null) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (PackageEntry entry : files.resources()) {
                digest.update((entry.path() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(entry.content());
            }
            for (PackageEntry entry : libraries) {
                digest.update((entry.path() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(entry.content());
            }
            sharedInputs = digest.digest();
        }
        return sharedInputs;
    }

    /** The application classes the function's package holds: those reachable from its generated handler. */
    Set<String> classesOf(FunctionSpec function) {
        String handlerClass = handlerClass(function);
        if (!files.classes().containsKey(handlerClass)) {
            throw new JavezeException("function " + function.name() + ": generated handler " + handlerClass.replace('/', '.')
                    + " is not among the compiled classes; run `javeze codegen`");
        }
        Set<String> roots = new LinkedHashSet<>();
        roots.add(handlerClass);
        roots.addAll(files.serviceImplementations());
        return ClassClosure.of(files.classes(), roots);
    }

    private PackageResult buildOne(FunctionSpec function, PackageIndex.Entry previous) {
        Set<String> classes = classesOf(function);

        List<PackageEntry> entries = new ArrayList<>(files.resources());
        entries.addAll(libraries);
        for (String name : classes) {
            entries.add(new PackageEntry(name + ".class", files.classes().get(name), false));
        }
        String architecture = ArchitectureResolver.resolve(function.name(), entries, config.lambda());

        byte[] zip = ReproducibleZip.write(entries);
        byte[] digest = sha256(zip);
        String file = function.name() + ".zip";
        PackageIndex.Entry entry = new PackageIndex.Entry(file, HexFormat.of().formatHex(digest),
                Base64.getEncoder().encodeToString(digest), zip.length, architecture);
        Path target = entry.path(projectDir);
        boolean unchanged = entry.equals(previous) && sameFile(target, digest);
        if (!unchanged) {
            AtomicFiles.writeReadable(target, zip);
        }
        return new PackageResult(function.name(), entry, !unchanged, classes.size());
    }

    /** {@code pkg.Gen::handleRequest} to {@code pkg/Gen}. */
    static String handlerClass(FunctionSpec function) {
        String handler = function.handler();
        int colons = handler.indexOf("::");
        return (colons < 0 ? handler : handler.substring(0, colons)).replace('.', '/');
    }

    private static boolean sameFile(Path file, byte[] digest) {
        try {
            return Files.isRegularFile(file) && MessageDigest.isEqual(sha256(Files.readAllBytes(file)), digest);
        } catch (IOException e) {
            return false;
        }
    }

    private void deleteStalePackages(Map<String, PackageIndex.Entry> index) {
        Set<String> keep = new LinkedHashSet<>();
        index.values().forEach(e -> keep.add(e.file()));
        try (Stream<Path> zips = Files.list(PackageIndex.directory(projectDir))) {
            for (Path zip : zips.filter(p -> p.getFileName().toString().endsWith(".zip")).toList()) {
                if (!keep.contains(zip.getFileName().toString())) Files.delete(zip);
            }
        } catch (IOException e) {
            throw new JavezeException(PackageIndex.directory(projectDir) + ": cannot remove old packages: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
