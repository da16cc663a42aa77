package io.javeze.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code .javeze/packages/build-stamp.txt}: what the last complete build was made from and what it wrote, each file by
 * content digest (size and modification time only spare re-hashing, as in {@link FileDigests}), plus the manifest's
 * functions. While every one of those files still has its recorded content, and no file was added to the classes
 * directory, a build would make every package byte for byte as it is: {@code javeze build} then stops after checking
 * the stamp, without parsing javeze.toml, reading a class or zipping anything. Plain text, so that the check loads no
 * JSON databinding, TOML parser or bytecode reader.
 */
public final class BuildStamp {
    static final String FILE = "build-stamp.txt";
    /** As {@link FileDigests#RACY_MILLIS}; not read from there, whose JSON store this check does not need. */
    private static final long RACY_MILLIS = 2_000;
    private static final String FORMAT = "javeze-build-stamp/1 " + InputKey.FORMAT;

    /** One package as the build that wrote the stamp reported it. */
    public record Package(String function, long size, String architecture, int classCount) {}

    /** One dependency layer as the build that wrote the stamp reported it. */
    public record Layer(String digest, long size, int jars) {}

    /** What the last build made, when nothing has changed since, with the warnings it printed. */
    public record Unchanged(List<Package> packages, List<Layer> layers, List<String> warnings) {}

    private record Known(long size, long modified, String sha256) {}

    private BuildStamp() {}

    public static Path path(Path projectDir) {
        return PackageIndex.directory(projectDir).resolve(FILE);
    }

    /**
     * What the last build made, if every file it was made from (javeze.toml, the stored class path and its jars, every
     * file under {@code classesDir}), the manifest's content apart from the deploy record, and every file it wrote (the
     * packages, the layers, the indexes) is still as it was then; otherwise null, and the caller builds.
     */
    public static Unchanged unchanged(Path projectDir, Path classesDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path(projectDir), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) return null;
        Map<String, Known> files = new TreeMap<>();
        List<Package> packages = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String manifest = null;
        try {
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "file" -> files.put(f[4], new Known(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
                    case "manifest" -> manifest = f[1];
                    case "package" -> packages.add(new Package(f[1], Long.parseLong(f[2]), f[3], Integer.parseInt(f[4])));
                    case "layer" -> layers.add(new Layer(f[1], Long.parseLong(f[2]), Integer.parseInt(f[3])));
                    case "warning" -> warnings.add(f[1]);
                    default -> {
                        return null;
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // a damaged stamp only means a full build
        }
        if (manifest == null || packages.isEmpty() || !manifest.equals(manifestDigest(projectDir))) return null;
        Set<String> classFiles = new TreeSet<>();
        String classesPrefix = classesDir.toAbsolutePath().normalize() + java.io.File.separator;
        for (Map.Entry<String, Known> e : files.entrySet()) {
            if (e.getKey().startsWith(classesPrefix)) classFiles.add(e.getKey());
            if (!unchanged(Path.of(e.getKey()), e.getValue())) return null;
        }
        try (Stream<Path> walk = Files.walk(classesDir)) {
            Set<String> now = new TreeSet<>();
            walk.filter(Files::isRegularFile).forEach(p -> now.add(key(p)));
            if (!now.equals(classFiles)) return null;
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
        return new Unchanged(packages, layers, warnings);
    }

    /**
     * Records a complete build. Called after the packager wrote the index, with the files it was made from.
     *
     * @param classpathFile the stored runtime class path the jars were read from
     * @param jars          the runtime class path's jars
     * @param warnings      what the build warned about (ungranted AWS calls), repeated by a build answered from the stamp
     */
    public static void record(Path projectDir, Path classesDir, Path classpathFile, List<Path> jars, List<Packager.PackageResult> results,
                              List<String> warnings) {
        long now = System.currentTimeMillis();
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        List<Path> inputs = new ArrayList<>(List.of(projectDir.resolve(JavezeConfig.FILE_NAME), classpathFile));
        inputs.addAll(jars);
        Map<String, PackageIndex.Layer> layers = PackageIndex.readLayers(projectDir);
        List<Path> outputs = new ArrayList<>(List.of(PackageIndex.path(projectDir)));
        Path layersFile = PackageIndex.directory(projectDir).resolve(PackageIndex.LAYERS_FILE);
        if (Files.exists(layersFile)) outputs.add(layersFile);
        results.forEach(r -> outputs.add(r.entry().path(projectDir)));
        layers.values().forEach(l -> outputs.add(PackageIndex.directory(projectDir).resolve(l.file())));
        try (Stream<Path> walk = Files.walk(classesDir)) {
            inputs.addAll(walk.filter(Files::isRegularFile).sorted().toList());
            for (Path file : concat(inputs, outputs)) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                long modified = attrs.lastModifiedTime().toMillis();
                // a file written within the file system's time granularity could change again without its time moving
                long trusted = now - modified > RACY_MILLIS ? modified : -1;
                out.append("file\t").append(attrs.size()).append('\t').append(trusted).append('\t').append(hash(file))
                        .append('\t').append(key(file)).append('\n');
            }
        } catch (IOException e) {
            return; // no stamp: the next build is a full one
        }
        out.append("manifest\t").append(manifestDigest(projectDir)).append('\n');
        for (Packager.PackageResult r : results) {
            out.append("package\t").append(r.function()).append('\t').append(r.entry().size()).append('\t')
                    .append(r.entry().architecture()).append('\t').append(r.classCount()).append('\n');
        }
        layers.forEach((digest, l) -> out.append("layer\t").append(digest).append('\t').append(l.size()).append('\t')
                .append(l.jars().size()).append('\n'));
        warnings.forEach(w -> out.append("warning\t").append(w.replaceAll("[\t\r\n]", " ")).append('\n'));
        AtomicFiles.writeReadable(path(projectDir), out.toString());
    }

    private static boolean unchanged(Path file, Known known) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.size() != known.size()) return false;
            if (known.modified() >= 0 && attrs.lastModifiedTime().toMillis() == known.modified()) return true;
            return hash(file).equals(known.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * SHA-256 of the manifest's JSON tokens apart from the {@code deployed} record, which every deploy rewrites and no
     * package depends on; null when there is no readable manifest.
     */
    static String manifestDigest(Path projectDir) {
        MessageDigest md = sha256();
        try (JsonParser p = new JsonFactory().createParser(ManifestStore.path(projectDir).toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("deployed".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                update(md, "field " + field);
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    int depth = 1;
                    update(md, value.name());
                    while (depth > 0) {
                        JsonToken inner = p.nextToken();
                        if (inner == JsonToken.START_OBJECT || inner == JsonToken.START_ARRAY) depth++;
                        if (inner == JsonToken.END_OBJECT || inner == JsonToken.END_ARRAY) depth--;
                        update(md, inner.name() + " " + (inner == JsonToken.FIELD_NAME ? p.currentName() : p.getText()));
                    }
                } else {
                    update(md, value.name() + " " + p.getText());
                }
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String hash(Path file) throws IOException {
        MessageDigest md = sha256();
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String token) {
        md.update(token.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
