package io.javeze.dev.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a project's {@code src/main/java}, {@code src/main/resources}, {@code pom.xml} and {@code javeze.toml}
 * (java.nio's WatchService, sub-directories included as they appear). {@link #next} waits for a change and then
 * until the files have been quiet for the settle time, so that an IDE saving ten files makes one batch.
 */
public final class SourceWatcher implements AutoCloseable {
    public static final List<String> ROOT_FILES = List.of("pom.xml", "javeze.toml");
    public static final List<String> SOURCE_DIRS = List.of("src/main/java", "src/main/resources");

    private final Path projectDir;
    private final Duration settle;
    private final WatchService service;

    public SourceWatcher(Path projectDir, Duration settle) throws IOException {
        this.projectDir = projectDir;
        this.settle = settle;
        this.service = FileSystems.getDefault().newWatchService();
        register(projectDir);
        for (String dir : SOURCE_DIRS) {
            registerTree(projectDir.resolve(dir));
        }
    }

    /**
     * Blocks until something changed and then settled.
     *
     * @return the changed paths (created, modified or deleted), or empty when closed
     */
    public Set<Path> next() throws InterruptedException {
        Set<Path> changed = new LinkedHashSet<>();
        try {
            while (changed.isEmpty()) {
                drain(service.take(), changed);
            }
            for (WatchKey key; (key = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null; ) {
                drain(key, changed);
            }
        } catch (ClosedWatchServiceException e) {
            return Set.of();
        }
        return changed;
    }

    private void drain(WatchKey key, Set<Path> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.add(projectDir.resolve(SOURCE_DIRS.get(0))); // lost events: treat as "everything changed"
                continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (Files.isDirectory(path) && path.startsWith(projectDir.resolve("src"))) {
                registerTree(path);
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(Files::isRegularFile).filter(this::relevant).forEach(changed::add);
                } catch (IOException ignored) {
                    // gone again: nothing to compile
                }
            } else if (relevant(path)) {
                changed.add(path);
            }
        }
        key.reset();
    }

    /** A file javeze dev acts on: a root file, a Java source or a resource (not editors' temporary files). */
    public boolean relevant(Path path) {
        Path rel = projectDir.relativize(path);
        if (rel.getNameCount() == 1) return ROOT_FILES.contains(rel.toString());
        String name = path.getFileName().toString();
        if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".tmp")) return false;
        if (rel.startsWith(SOURCE_DIRS.get(0))) return name.endsWith(".java");
        return rel.startsWith(SOURCE_DIRS.get(1));
    }

    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) register(dir);
        } catch (IOException ignored) {
            // removed while walking: its parent's events say so
        }
    }

    private void register(Path dir) {
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException ignored) {
            // removed before it could be watched
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
