package io.javeze.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.config.AtomicFiles;
import io.javeze.local.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The pid file of a running local cloud: {@code <dataDir>/local-cloud.json} with its pid and endpoint. */
public record DaemonRecord(long pid, URI endpoint) {
    static final String FILE = "local-cloud.json";

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    public void write(Path dataDir) {
        AtomicFiles.write(file(dataDir), Json.object().put("pid", pid).put("endpoint", endpoint.toString()).toPrettyString());
    }

    public static Optional<DaemonRecord> read(Path dataDir) {
        Path f = file(dataDir);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            return Optional.of(new DaemonRecord(n.path("pid").asLong(), URI.create(n.path("endpoint").asText())));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException ignored) {
            // a stale pid file is detected and ignored on the next start
        }
    }
}
