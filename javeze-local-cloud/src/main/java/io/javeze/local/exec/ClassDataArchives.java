package io.javeze.local.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AppCDS for function JVMs: the first instance of a JDK + runtime class path + handler records the classes it
 * loaded into a dynamic archive when it stops cleanly; later cold starts map that archive (about half the start
 * time of a small function). Only one instance records at a time and the archive is published by an atomic move,
 * so a JVM never maps a half-written file; a JVM ignores an archive that does not match it.
 */
final class ClassDataArchives {

    /** What one launch does about the archive; {@link #finish} is called when its process exits. */
    record Plan(List<String> flags, Path recording, Path target) {}

    private final Path dir;
    private final Set<Path> recording = ConcurrentHashMap.newKeySet();

    ClassDataArchives(Path dir) {
        this.dir = dir;
        // recordings of a previous local cloud that never finished
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // no directory yet
        }
    }

    Plan plan(JdkLocator.Jdk jdk, String classpath, String handler, List<String> jvmFlags) {
        Path target = dir.resolve("jdk" + jdk.feature() + "-" + hash(jdk.home() + "\n" + classpath + "\n" + handler + "\n" + jvmFlags) + ".jsa");
        List<String> quiet = List.of("-Xlog:cds*=off"); // a stale or mismatched archive is ignored without noise in the function's log
        if (Files.isRegularFile(target)) {
            return new Plan(concat(quiet, "-XX:SharedArchiveFile=" + target), null, target);
        }
        if (recording.add(target)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                recording.remove(target);
                return new Plan(quiet, null, target);
            }
            Path tmp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            return new Plan(concat(quiet, "-XX:ArchiveClassesAtExit=" + tmp), tmp, target);
        }
        return new Plan(quiet, null, target);
    }

    /** Publishes a recorded archive after the JVM exited by itself or on SIGTERM, else discards it. */
    void finish(Plan plan, int exitCode) {
        if (plan.recording() == null) {
            return;
        }
        try {
            // any exit the JVM itself performed (including SIGTERM, 143) wrote the whole archive; 137 (SIGKILL) or a
            // crash signal may have cut it short
            boolean clean = exitCode < 128 || exitCode == 143;
            if (clean && Files.isRegularFile(plan.recording()) && Files.size(plan.recording()) > 0) {
                Files.move(plan.recording(), plan.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(plan.recording());
            }
        } catch (IOException ignored) {
            // no archive: the next cold start records again
        } finally {
            recording.remove(plan.target());
        }
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
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
