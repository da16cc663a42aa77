package io.javeze.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.config.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of files, remembered in {@code .javeze/packages/digests.json} with each file's size and modification time
 * so that an unchanged file is not read and hashed again. The digest is the authority; size and time only decide
 * whether the remembered digest can be reused. A file modified within {@link #RACY_MILLIS} of being hashed is not
 * remembered (it could change again within the file system's time granularity without its time moving), so it is
 * hashed again next time, as git does with its index.
 */
final class FileDigests {
    static final String FILE = "digests.json";
    static final long RACY_MILLIS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param modified the file's modification time in milliseconds */
    record Known(long size, long modified, String sha256) {}

    private final Path store;
    private final Map<String, Known> known;
    private final Map<String, Known> seen = new ConcurrentHashMap<>();

    private FileDigests(Path store, Map<String, Known> known) {
        this.store = store;
        this.known = known;
    }

    /** The remembered digests of a project; a missing or unreadable store only means everything is hashed again. */
    static FileDigests open(Path projectDir) {
        Path store = PackageIndex.directory(projectDir).resolve(FILE);
        Map<String, Known> known = new TreeMap<>();
        try {
            if (Files.isRegularFile(store)) known.putAll(JSON.readValue(store.toFile(), new TypeReference<Map<String, Known>>() {}));
        } catch (IOException | RuntimeException e) {
            known.clear();
        }
        return new FileDigests(store, known);
    }

    /** Lower-case hex SHA-256 of the file's content, or null when it cannot be read. */
    String sha256(Path file) {
        String key = file.toAbsolutePath().normalize().toString();
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().toMillis();
            Known k = known.get(key);
            if (k != null && k.size() == attrs.size() && k.modified() == modified) {
                seen.put(key, k);
                return k.sha256();
            }
            String digest = hash(file);
            if (System.currentTimeMillis() - modified > RACY_MILLIS) seen.put(key, new Known(attrs.size(), modified, digest));
            return digest;
        } catch (IOException e) {
            return null;
        }
    }

    /** Remembers the digests this build looked at (and only those: files no longer used are forgotten). */
    void save() {
        try {
            Files.createDirectories(store.getParent());
            AtomicFiles.writeReadable(store, JSON.writeValueAsString(new TreeMap<>(seen)));
        } catch (IOException e) {
            // only a cache: the next build hashes again
        }
    }

    static String hash(Path file) throws IOException {
        MessageDigest md = Packager.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
