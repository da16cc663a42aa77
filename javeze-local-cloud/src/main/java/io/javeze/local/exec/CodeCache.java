package io.javeze.local.exec;

import io.javeze.local.store.PrivateFiles;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Unpacks deployment packages and layers once per content hash, refusing entries that would land outside
 * their directory (zip slip). A directory in the cache is complete: it is unpacked aside and moved in atomically.
 */
final class CodeCache {

    private final Path root;

    CodeCache(Path root) {
        this.root = root;
    }

    /** @param sha256 the base64 SHA-256 Lambda reports, or null to hash the file */
    Path unpack(Path zip, String sha256) throws InvalidPackageException {
        return unpack(List.of(zip), cacheKey(zip, sha256));
    }

    /** Unpacks layers into one directory in attach order, a later layer's file replacing an earlier one's, as at /opt. */
    Path unpackLayers(List<Path> zips) throws InvalidPackageException {
        StringBuilder keys = new StringBuilder();
        for (Path zip : zips) {
            keys.append(cacheKey(zip, null)).append('\n');
        }
        String key = "opt-" + HexFormat.of().formatHex(sha(keys.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return unpack(zips, key);
    }

    private Path unpack(List<Path> zips, String key) throws InvalidPackageException {
        Path target = root.resolve(key);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path staging = root.resolve(".tmp-" + UUID.randomUUID());
        Path zip = zips.get(0);
        try {
            PrivateFiles.createDirectories(staging);
            for (Path each : zips) {
                zip = each;
                extract(each, staging);
            }
            PrivateFiles.restrictTree(staging); // other users never read a function's code
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                deleteTree(staging); // another invocation unpacked the same code first
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            deleteTree(staging);
            throw new InvalidPackageException(zip.getFileName() + ": " + e.getMessage());
        } catch (InvalidPackageException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Extracts every entry of {@code zip} under {@code dest}, or fails before writing outside it. */
    static void extract(Path zip, Path dest) throws IOException, InvalidPackageException {
        Path base = dest.toAbsolutePath().normalize();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
                Path out = safeTarget(base, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (entry.isUnixSymlink()) {
                    throw new InvalidPackageException("entry " + entry.getName() + " is a symbolic link");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if ((entry.getUnixMode() & 0111) != 0) {
                    Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(out));
                    perms.add(PosixFilePermission.OWNER_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(out, perms);
                }
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("central directory")) {
                throw new InvalidPackageException("not a zip file (" + e.getMessage() + ")");
            }
            throw e;
        }
    }

    static Path safeTarget(Path base, String name) throws InvalidPackageException {
        String normalizedName = name.replace('\\', '/');
        if (normalizedName.startsWith("/") || normalizedName.matches("^[A-Za-z]:.*")) {
            throw new InvalidPackageException("entry " + name + " has an absolute path");
        }
        for (String segment : normalizedName.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidPackageException("entry " + name + " points outside the package (zip slip)");
            }
        }
        Path out = base.resolve(normalizedName).normalize();
        if (!out.startsWith(base)) {
            throw new InvalidPackageException("entry " + name + " points outside the package (zip slip)");
        }
        return out;
    }

    private static String cacheKey(Path zip, String sha256) throws InvalidPackageException {
        if (sha256 != null && !sha256.isBlank()) {
            try {
                return HexFormat.of().formatHex(Base64.getDecoder().decode(sha256));
            } catch (IllegalArgumentException notBase64) {
                return HexFormat.of().formatHex(sha(sha256.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(zip)) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidPackageException(zip + ": " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover staging directory is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
