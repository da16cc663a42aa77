package io.javeze.deploy.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code .javeze/packages/index.json}: function → {file, sha256 (hex), codeSha256 (base64), size, architecture}.
 * Accepts the map at the top level or under {@code "functions"}.
 */
public final class PackageIndex {
    public static final String DIRECTORY = "packages";
    public static final String FILE = "index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, PackageEntry> entries;

    private PackageIndex(Path file, Map<String, PackageEntry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static Path directory(Path projectDir) {
        return projectDir.resolve(ManifestStore.DIRECTORY).resolve(DIRECTORY);
    }

    public static Path path(Path projectDir) {
        return directory(projectDir).resolve(FILE);
    }

    public static PackageIndex read(Path projectDir) {
        Path file = path(projectDir);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new JavezeException(file + ": no package index; run `javeze build` first");
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read the package index: " + e.getMessage(), e);
        }
        JsonNode map = root.has("functions") && root.get("functions").isObject() ? root.get("functions") : root;
        Map<String, PackageEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode n = e.getValue();
            if (!n.isObject()) continue;
            String name = e.getKey();
            String fileName = text(file, name, n, "file");
            String sha = text(file, name, n, "sha256");
            String codeSha = text(file, name, n, "codeSha256");
            JsonNode arch = n.get("architecture");
            Path zip = directory(projectDir).resolve(fileName).normalize();
            entries.put(name, new PackageEntry(name, zip, sha, codeSha, n.path("size").asLong(),
                    arch == null || arch.isNull() ? null : arch.asText()));
        }
        return new PackageIndex(file, entries);
    }

    private static String text(Path file, String function, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new JavezeException(file + ": function \"" + function + "\" has no \"" + field + "\"; run `javeze build` again");
        }
        return v.asText();
    }

    public Path file() {
        return file;
    }

    /** The package of an app function; a missing one or a vanished zip is a user error telling how to fix it. */
    public PackageEntry require(String function) {
        PackageEntry e = entries.get(function);
        if (e == null) {
            throw new JavezeException(file + ": no package for function \"" + function + "\"; run `javeze build` again");
        }
        if (!Files.isRegularFile(e.file())) {
            throw new JavezeException(e.file() + ": package of function \"" + function + "\" is missing; run `javeze build` again");
        }
        return e;
    }

    public Map<String, PackageEntry> entries() {
        return Map.copyOf(entries);
    }
}
