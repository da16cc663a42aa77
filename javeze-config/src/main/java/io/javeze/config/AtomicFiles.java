package io.javeze.config;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Whole-file writes that a crash cannot leave half done: write a sibling temp file completely, fsync it, rename it
 * over the target, then fsync the directory so the rename itself survives a power loss.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Readable by the owner only (0600, from the temp file): local-cloud state, pid records. */
    public static void write(Path target, byte[] content) {
        write(target, content, false);
    }

    /** Build outputs (packages, manifest): readable by everyone (0644 where POSIX), as Maven's jars are. */
    public static void writeReadable(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8), true);
    }

    public static void writeReadable(Path target, byte[] content) {
        write(target, content, true);
    }

    private static void write(Path target, byte[] content, boolean readable) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            // A stream, not a FileChannel: a channel gives up (and closes) when the writing thread is interrupted,
            // as a shutting-down executor's threads are, and the write must still land.
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            if (readable && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new JavezeException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; the temp file is hidden and harmless
                }
            }
        }
    }

    /** Makes a rename in {@code dir} durable. Not every platform can open a directory (Windows cannot): then skip. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notSupportedHere) {
            // the file itself is synced; only the rename's durability is left to the OS
        }
    }
}
