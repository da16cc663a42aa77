package io.javeze.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javeze.build.permissions.AwsCall;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .javeze/packages/index.json}: function name to its package. Deploy reads it to upload only what changed.
 */
public final class PackageIndex {
    public static final String DIRECTORY = "packages";
    public static final String FILE = "index.json";
    public static final String LAYERS_FILE = "layers.json";

    /** Made on first use: a no-op build only asks where the packages are, and loads no Jackson databind. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * @param file         the zip's file name inside {@code .javeze/packages}
     * @param sha256       lower-case hex SHA-256 of the zip
     * @param codeSha256   base64 SHA-256 of the zip, as Lambda reports {@code CodeSha256}
     * @param size         bytes
     * @param architecture {@code x86_64} or {@code arm64}
     * @param layer        digest of the dependency layer the function needs ({@link #LAYERS_FILE}), or null when its
     *                     package holds its dependency jars itself
     * @param inputs       digest of everything the package was made from ({@link InputKey}); null in older indexes
     * @param awsCalls     the AWS SDK calls in the package's classes and the IAM action each needs
     *                     ({@link io.javeze.build.permissions.SdkCallFinder}); omitted when there are none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String file, String sha256, String codeSha256, long size, String architecture, String layer, String inputs,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<AwsCall> awsCalls) {

        public Entry {
            awsCalls = awsCalls == null ? java.util.List.of() : java.util.List.copyOf(awsCalls);
        }

        public Entry(String file, String sha256, String codeSha256, long size, String architecture, String layer, String inputs) {
            this(file, sha256, codeSha256, size, architecture, layer, inputs, java.util.List.of());
        }

        public Entry(String file, String sha256, String codeSha256, long size, String architecture) {
            this(file, sha256, codeSha256, size, architecture, null, null);
        }

        public Path path(Path projectDir) {
            return directory(projectDir).resolve(file);
        }
    }

    /**
     * A dependency layer's zip ({@code .javeze/packages/layers.json}, keyed by the layer's {@link DependencyLayer#digest}).
     *
     * @param file       the zip's file name inside {@code .javeze/packages}
     * @param sha256     lower-case hex SHA-256 of the zip
     * @param codeSha256 base64 SHA-256 of the zip, as Lambda reports it
     * @param size       bytes
     * @param jars       the jar file names it holds under {@code java/lib/}
     */
    public record Layer(String file, String sha256, String codeSha256, long size, java.util.List<String> jars) {

        public Path path(Path projectDir) {
            return directory(projectDir).resolve(file);
        }
    }

    private PackageIndex() {}

    public static Path directory(Path projectDir) {
        return projectDir.resolve(ManifestStore.DIRECTORY).resolve(DIRECTORY);
    }

    public static Path path(Path projectDir) {
        return directory(projectDir).resolve(FILE);
    }

    /** The index, sorted by function name; a missing index is an error telling how to make it. */
    public static Map<String, Entry> read(Path projectDir) {
        Path file = path(projectDir);
        try {
            return new TreeMap<>(Mapper.JSON.readValue(Files.readAllBytes(file), new TypeReference<Map<String, Entry>>() {}));
        } catch (NoSuchFileException e) {
            throw new JavezeException(file + ": no packages; run `javeze build` first");
        } catch (JsonProcessingException e) {
            throw new JavezeException(file + ": line " + e.getLocation().getLineNr() + ": not a valid package index: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The dependency layers the index's functions name, by digest; none when the index names none. */
    public static Map<String, Layer> readLayers(Path projectDir) {
        Path file = directory(projectDir).resolve(LAYERS_FILE);
        if (!Files.exists(file)) return new TreeMap<>();
        try {
            return new TreeMap<>(Mapper.JSON.readValue(Files.readAllBytes(file), new TypeReference<Map<String, Layer>>() {}));
        } catch (JsonProcessingException e) {
            throw new JavezeException(file + ": line " + e.getLocation().getLineNr() + ": not a valid layer index: "
                    + e.getOriginalMessage() + "; run `javeze build` again");
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Written before the package index that names the layers, so an index never names a layer that is not recorded. */
    static void writeLayers(Path projectDir, Map<String, Layer> layers) {
        try {
            AtomicFiles.writeReadable(directory(projectDir).resolve(LAYERS_FILE), Mapper.JSON.writeValueAsString(new TreeMap<>(layers)) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #read}, but an absent index is empty. */
    static Map<String, Entry> readIfPresent(Path projectDir) {
        return Files.exists(path(projectDir)) ? read(projectDir) : new TreeMap<>();
    }

    public static void write(Path projectDir, Map<String, Entry> index) {
        try {
            AtomicFiles.writeReadable(path(projectDir), Mapper.JSON.writeValueAsString(new TreeMap<>(index)) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
