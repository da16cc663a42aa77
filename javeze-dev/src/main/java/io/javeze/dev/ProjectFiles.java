package io.javeze.dev;

import io.javeze.config.JavezeException;
import io.javeze.dev.watch.SourceWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Where a project's sources, resources and compiled classes are, and keeping the classes directory in step. */
final class ProjectFiles {
    private final Path java;
    private final Path resources;
    private final Path classes;

    ProjectFiles(Path projectDir, Path classes) {
        this.java = projectDir.resolve(SourceWatcher.SOURCE_DIRS.get(0));
        this.resources = projectDir.resolve(SourceWatcher.SOURCE_DIRS.get(1));
        this.classes = classes;
    }

    boolean isJavaSource(Path path) {
        return path.startsWith(java) && path.getFileName().toString().endsWith(".java");
    }

    boolean isResource(Path path) {
        return path.startsWith(resources) && !path.equals(resources);
    }

    List<Path> allJavaSources() {
        if (!Files.isDirectory(java)) return List.of();
        try (Stream<Path> files = Files.walk(java)) {
            return files.filter(Files::isRegularFile).filter(this::isJavaSource).sorted().toList();
        } catch (IOException e) {
            throw new JavezeException(java + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Copies every resource (without Maven's filtering) into the classes directory. */
    void copyAllResources() {
        if (!Files.isDirectory(resources)) return;
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) syncResource(f);
        } catch (IOException e) {
            throw new JavezeException(resources + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The resource's copy in the classes directory made like the file: copied, or deleted with it. */
    void syncResource(Path file) {
        Path target = classes.resolve(resources.relativize(file).toString());
        try {
            if (Files.isRegularFile(file)) {
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.isDirectory(file)) {
                Files.deleteIfExists(target);
            }
        } catch (IOException e) {
            throw new JavezeException(target + ": cannot update from " + file + ": " + e.getMessage(), e);
        }
    }

    /** A deleted source's classes: its top-level class and the nested and anonymous ones ({@code Name$...}). */
    void deleteClassesOf(Path source) {
        Path rel = java.relativize(source);
        String name = rel.getFileName().toString().replaceFirst("\\.java$", "");
        Path dir = classes.resolve(rel.getParent() == null ? "" : rel.getParent().toString());
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (file.equals(name + ".class") || file.startsWith(name + "$")) Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new JavezeException(dir + ": cannot remove the classes of deleted " + source + ": " + e.getMessage(), e);
        }
    }
}
