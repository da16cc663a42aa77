package io.javeze.build;

import io.javeze.build.permissions.AwsCall;
import io.javeze.build.permissions.SdkCallFinder;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds one Lambda deployment zip per manifest function under {@code .javeze/packages}: the application classes
 * reachable from the function's generated handler and all resources at the root; the runtime dependency jars
 * (as {@link StoredJar}s) either in the package's {@code lib/} or, with {@code [lambda] dependency_layer} (the
 * default), in a {@link DependencyLayer} shared by every function with the same jars. Packages of removed functions
 * are deleted.
 *
 * <p>An input-keyed cache decides what is made again: each package's {@link InputKey} (its entries' content digests,
 * the settings, the format) is recorded in the index, and a package whose key and file are unchanged is left as it is
 * without being zipped again. Jar digests come from {@link FileDigests}, so an unchanged jar is not even re-hashed.
 * Each package's AWS SDK calls ({@link SdkCallFinder}) are found with it and recorded in the index, which a cached
 * package keeps.
 */
public final class Packager {

    /** Hears about each package as it is done, for progress output. */
    public interface Listener {
        default void packaging(FunctionSpec function) {}

        default void packaged(PackageResult result) {}

        /** A dependency layer was written ({@code changed}) or found as it was. */
        default void layer(String digest, PackageIndex.Layer layer, boolean changed) {}
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
    private final FileDigests digests;
    private final Map<String, String> contentDigests = new HashMap<>();
    private List<PackageEntry> storedLibraries;
    private SdkCallFinder sdkCalls;

    public Packager(Path projectDir, JavezeConfig config, Manifest manifest, ApplicationFiles files) {
        this.projectDir = projectDir;
        this.config = config;
        this.manifest = manifest;
        this.files = files;
        this.digests = FileDigests.open(projectDir);
    }

    public List<PackageResult> build(Listener listener) {
        if (manifest.functions().isEmpty()) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": no functions; annotate a method with @Route, @Auth or @Subscriber");
        }
        Map<String, PackageIndex.Entry> old = PackageIndex.readIfPresent(projectDir);
        Map<String, String> jarDigests = libraryDigests();
        Map<String, PackageIndex.Layer> layers = new TreeMap<>();
        String layer = null;
        if (config.lambda().dependencyLayer() && !jarDigests.isEmpty()) {
            layer = DependencyLayer.digest(jarDigests);
            layers.put(layer, layer(layer, jarDigests, listener));
        }
        Map<String, PackageIndex.Entry> index = new TreeMap<>();
        List<PackageResult> results = new ArrayList<>();
        for (FunctionSpec function : manifest.functions()) {
            listener.packaging(function);
            PackageResult result = buildOne(function, old.get(function.name()), jarDigests, layer);
            index.put(function.name(), result.entry());
            results.add(result);
            listener.packaged(result);
        }
        PackageIndex.writeLayers(projectDir, layers);
        PackageIndex.write(projectDir, index);
        deleteStalePackages(index, layers);
        digests.save();
        return results;
    }

    private PackageResult buildOne(FunctionSpec function, PackageIndex.Entry previous, Map<String, String> jarDigests, String layer) {
        String handlerClass = handlerClass(function);
        if (!files.classes().containsKey(handlerClass)) {
            throw new JavezeException("function " + function.name() + ": generated handler " + handlerClass.replace('/', '.')
                    + " is not among the compiled classes; run `javeze codegen`");
        }
        Set<String> roots = new LinkedHashSet<>();
        roots.add(handlerClass);
        roots.addAll(files.serviceImplementations());
        Set<String> classes = ClassClosure.of(files.classes(), roots);

        List<PackageEntry> entries = new ArrayList<>(files.resources().stream()
                .filter(e -> io.javeze.config.openapi.OpenApiRoute.packaged(e.path(), function)).toList());
        for (String name : classes) {
            entries.add(new PackageEntry(name + ".class", files.classes().get(name), false));
        }
        InputKey key = new InputKey().settings(config.lambda()).setting("layer", layer);
        for (PackageEntry e : entries) key.entry(e.path(), contentDigest(e), e.executable());
        // the jars decide the architecture even when they go into the layer
        jarDigests.forEach((name, sha) -> key.entry("lib/" + name, sha, false));
        String inputs = key.digest();

        String file = function.name() + ".zip";
        Path target = PackageIndex.directory(projectDir).resolve(file);
        if (previous != null && inputs.equals(previous.inputs()) && file.equals(previous.file())
                && previous.sha256().equals(digests.sha256(target))) {
            return new PackageResult(function.name(), previous, false, classes.size());
        }
        List<PackageEntry> withJars = new ArrayList<>(entries);
        withJars.addAll(files.libraries());
        String architecture = ArchitectureResolver.resolve(function.name(), withJars, config.lambda());
        if (layer == null) entries.addAll(storedLibraries());

        byte[] zip = ReproducibleZip.write(entries);
        byte[] digest = sha256(zip);
        if (sdkCalls == null) sdkCalls = new SdkCallFinder(files.libraries(), files.libraryFiles());
        List<AwsCall> calls = sdkCalls.find(files.classes(), roots);
        PackageIndex.Entry entry = new PackageIndex.Entry(file, HexFormat.of().formatHex(digest),
                Base64.getEncoder().encodeToString(digest), zip.length, architecture, layer, inputs, calls);
        boolean unchanged = previous != null && entry.sha256().equals(previous.sha256())
                && entry.sha256().equals(digests.sha256(target));
        if (!unchanged) {
            AtomicFiles.writeReadable(target, zip);
        }
        return new PackageResult(function.name(), entry, !unchanged, classes.size());
    }

    /** The layer's zip, written unless the file recorded for this digest is still there, byte for byte. */
    private PackageIndex.Layer layer(String digest, Map<String, String> jarDigests, Listener listener) {
        String file = DependencyLayer.fileName(digest);
        Path target = PackageIndex.directory(projectDir).resolve(file);
        PackageIndex.Layer previous = previousLayers().get(digest);
        if (previous != null && file.equals(previous.file()) && previous.sha256().equals(digests.sha256(target))) {
            listener.layer(digest, previous, false);
            return previous;
        }
        byte[] zip = DependencyLayer.zip(storedLibraries());
        byte[] sha = sha256(zip);
        PackageIndex.Layer layer = new PackageIndex.Layer(file, HexFormat.of().formatHex(sha), Base64.getEncoder().encodeToString(sha),
                zip.length, List.copyOf(jarDigests.keySet()));
        AtomicFiles.writeReadable(target, zip);
        listener.layer(digest, layer, true);
        return layer;
    }

    /** What the last build recorded; a damaged record only means the layer is made again. */
    private Map<String, PackageIndex.Layer> previousLayers() {
        try {
            return PackageIndex.readLayers(projectDir);
        } catch (JavezeException e) {
            return Map.of();
        }
    }

    /** Jar file name → SHA-256 of the jar file, in class path order. */
    private Map<String, String> libraryDigests() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < files.libraries().size(); i++) {
            PackageEntry jar = files.libraries().get(i);
            Path path = i < files.libraryFiles().size() ? files.libraryFiles().get(i) : null;
            String sha = path == null ? null : digests.sha256(path);
            out.put(jar.path().substring("lib/".length()), sha != null ? sha : HexFormat.of().formatHex(sha256(jar.content())));
        }
        return out;
    }

    private String contentDigest(PackageEntry e) {
        return contentDigests.computeIfAbsent(e.path(), p -> HexFormat.of().formatHex(sha256(e.content())));
    }

    /** The dependency jars rewritten with stored entries, made once per build and only when some zip needs them. */
    private List<PackageEntry> storedLibraries() {
        if (storedLibraries == null) storedLibraries = files.libraries().stream().map(StoredJar::of).toList();
        return storedLibraries;
    }

    /** {@code pkg.Gen::handleRequest} to {@code pkg/Gen}. */
    static String handlerClass(FunctionSpec function) {
        String handler = function.handler();
        int colons = handler.indexOf("::");
        return (colons < 0 ? handler : handler.substring(0, colons)).replace('.', '/');
    }

    private void deleteStalePackages(Map<String, PackageIndex.Entry> index, Map<String, PackageIndex.Layer> layers) {
        Set<String> keep = new LinkedHashSet<>();
        index.values().forEach(e -> keep.add(e.file()));
        layers.values().forEach(l -> keep.add(l.file()));
        try (Stream<Path> zips = Files.list(PackageIndex.directory(projectDir))) {
            for (Path zip : zips.filter(p -> p.getFileName().toString().endsWith(".zip")).toList()) {
                if (!keep.contains(zip.getFileName().toString())) Files.delete(zip);
            }
        } catch (IOException e) {
            throw new JavezeException(PackageIndex.directory(projectDir) + ": cannot remove old packages: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
