package io.javeze.config.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and atomically writes {@code .javeze/manifest.json}. */
public final class ManifestStore {
    public static final String DIRECTORY = ".javeze";
    public static final String FILE = "manifest.json";

    private ManifestStore() {}

    /** Made on first use: asking for the manifest's path (a no-op build does) loads no Jackson databind. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Path path(Path projectDir) {
        return projectDir.resolve(DIRECTORY).resolve(FILE);
    }

    public static ObjectMapper json() {
        return Mapper.JSON;
    }

    /** The project's manifest; a missing one is an error telling how to make it. */
    public static Manifest read(Path projectDir) {
        Path file = path(projectDir);
        try {
            return Mapper.JSON.readValue(Files.readAllBytes(file), Manifest.class);
        } catch (NoSuchFileException e) {
            throw new JavezeException(file + ": no manifest; run `javeze codegen` (or compile the project) first");
        } catch (JsonProcessingException e) {
            throw new JavezeException(file + ": line " + e.getLocation().getLineNr() + ": not a valid manifest: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static String toJson(Manifest manifest) {
        try {
            return Mapper.JSON.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes through a temporary file and an atomic rename, so a crash leaves the old or the new manifest, never half. */
    public static void write(Path projectDir, Manifest manifest) {
        AtomicFiles.writeReadable(path(projectDir), toJson(manifest));
    }
}
