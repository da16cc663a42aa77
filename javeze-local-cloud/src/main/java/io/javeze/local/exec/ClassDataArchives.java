package io.javeze.local.exec;

import io.javeze.local.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AppCDS for function JVMs: the first instance of a JDK + {@link Launcher#archiveKey} (function, handler, layers,
 * runtime class path) records the classes it loaded into a dynamic archive when it stops cleanly; later cold starts,
 * of that version or of a later version with other code, map that archive (about half the start time of a small
 * function). Only one instance records at a time and the archive is published by an atomic move, so a JVM never maps
 * a half-written file; a JVM ignores an archive that does not match it, and loads a class whose bytes changed since
 * the recording from the package.
 */
final class ClassDataArchives {

    /**
     * What one launch does about the archive; {@link #finish} is called when its process exits.
     *
     * @param existing  the archive to map, or null
     * @param recording a fresh directory the JVM writes {@link #FILE} into at exit, or null
     * @param target    where the archive is published
     */
    record Plan(Path existing, Path recording, Path target) {}

    /** The archive's file name inside a recording directory. */
    static final String FILE = "function.jsa";
    /** A stale or mismatched archive is ignored without noise in the function's log. */
    static final String QUIET = "-Xlog:cds*=off";

    private final Path dir;
    private final Set<Path> recording = ConcurrentHashMap.newKeySet();

    ClassDataArchives(Path dir) {
        this.dir = dir;
        // recordings of a previous local cloud that never finished
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                CodeCache.deleteTree(f);
            }
        } catch (IOException ignored) {
            // no directory yet
        }
    }

    /**
     * @param launch everything the archive depends on besides the JDK: function, handler, layers, class path, flags,
     *               sandbox layout (a function only ever maps an archive that one of its own versions recorded)
     */
    Plan plan(JdkLocator.Jdk jdk, String launch) {
        Path target = dir.resolve("jdk" + jdk.feature() + "-" + hash(jdk.home() + "\n" + launch) + ".jsa");
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return new Plan(target, null, target);
        }
        if (recording.add(target)) {
            Path tmp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                PrivateFiles.createDirectories(tmp);
            } catch (IOException e) {
                recording.remove(target);
                return new Plan(null, null, target);
            }
            return new Plan(null, tmp, target);
        }
        return new Plan(null, null, target);
    }

    /** The JVM flags of a plan, with its files at the paths the JVM sees them. */
    static List<String> flags(String existing, String recordingFile) {
        if (existing != null) {
            return List.of(QUIET, "-XX:SharedArchiveFile=" + existing);
        }
        return recordingFile != null ? List.of(QUIET, "-XX:ArchiveClassesAtExit=" + recordingFile) : List.of(QUIET);
    }

    /** Publishes a recorded archive after the JVM exited by itself or on SIGTERM, else discards it. */
    void finish(Plan plan, int exitCode) {
        if (plan.recording() == null) {
            return;
        }
        try {
            // any exit the JVM itself performed (including SIGTERM, 143) wrote the whole archive; 137 (SIGKILL) or a
            // crash signal may have cut it short. A sandboxed function could leave a link in its recording
            // directory: only a regular file is published.
            Path recorded = plan.recording().resolve(FILE);
            boolean clean = exitCode < 128 || exitCode == 143;
            if (clean && Files.isRegularFile(recorded, LinkOption.NOFOLLOW_LINKS) && Files.size(recorded) > 0) {
                PrivateFiles.restrict(recorded);
                Files.move(recorded, plan.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ignored) {
            // no archive: the next cold start records again
        } finally {
            CodeCache.deleteTree(plan.recording());
            recording.remove(plan.target());
        }
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
