package io.javeze.local.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import io.javeze.local.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The local cloud's durable state: one JSON document per service under {@code state/}, and content-addressed blobs
 * (code zips, layer zips, S3 objects) under {@code blobs/}. Every write is atomic, so a crash loses nothing deployed.
 * Directories are created 0700 and files 0600 ({@link AtomicFiles} writes through a temp file, created 0600).
 */
public final class StateStore {
    private final Path root;

    public StateStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public ObjectNode load(String service) {
        Path file = root.resolve("state").resolve(service + ".json");
        if (!Files.exists(file)) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return node instanceof ObjectNode o ? o : Json.object();
        } catch (IOException e) {
            throw new JavezeException(file + ": local cloud state is unreadable: " + e.getMessage(), e);
        }
    }

    public void save(String service, JsonNode document) {
        try {
            PrivateFiles.createDirectories(root.resolve("state"));
            AtomicFiles.write(root.resolve("state").resolve(service + ".json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores bytes by their SHA-256; returns the hex digest. */
    public String putBlob(byte[] data) {
        String hex = HexFormat.of().formatHex(sha256(data));
        Path file = blob(hex);
        if (!Files.exists(file)) {
            try {
                PrivateFiles.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            AtomicFiles.write(file, data);
        }
        return hex;
    }

    /**
     * Moves a complete, synced file into the blob store under its SHA-256 (computed by the caller while writing it);
     * the file must be on the data directory's file system. Returns the hex digest.
     */
    public String putBlob(Path file, String sha256Hex) {
        Path target = blob(sha256Hex);
        try {
            if (Files.exists(target)) {
                Files.delete(file);
            } else {
                PrivateFiles.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sha256Hex;
    }

    public Path blob(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a blob id: " + hex);
        }
        return root.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex);
    }

    public byte[] readBlob(String hex) {
        try {
            return Files.readAllBytes(blob(hex));
        } catch (IOException e) {
            throw new IllegalStateException("blob " + hex + " is missing from " + root, e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
