package io.javeze.local.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The local cloud's data directory is readable only by its user: directories 0700, files 0600 (0700 when
 * executable). It holds every function's code and environment variables.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates a directory and its missing parents as 0700. */
    public static void createDirectories(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty 0600 file. */
    public static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)});
        } else {
            Files.createFile(file);
        }
    }

    /** Takes group and other permissions away from one file or directory (not following a link). */
    public static void restrict(Path path) throws IOException {
        if (!POSIX || Files.isSymbolicLink(path)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIR
                : perms.contains(PosixFilePermission.OWNER_EXECUTE) ? DIR : FILE;
        if (!perms.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    /**
     * Creates {@code root} as 0700 if missing and restricts everything under it, so a data directory from an older
     * version (or unpacked with a loose umask) becomes private.
     */
    public static void restrictTree(Path root) throws IOException {
        createDirectories(root);
        if (!POSIX) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    restrict(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished meanwhile (a finished recording, a replaced state file)
            }
        });
    }
}
