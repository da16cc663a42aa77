package io.javeze.deploy.packages;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.PackageIndex;
import io.javeze.build.Packager;
import io.javeze.build.maven.MavenProject;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Consumer;

/**
 * Never deploy stale code: when a source changed since the last compile, or a compiled class is newer than the
 * package index, rebuild through javeze-build first, exactly as {@code javeze build} does. (Not the manifest's
 * time: deploy itself rewrites the manifest's {@code deployed} record.)
 */
public final class FreshPackages {
    /** @param offline Maven {@code -o}; @param log where Maven's output and progress go */
    public record Settings(boolean offline, boolean verbose, Consumer<String> log) {}

    private FreshPackages() {}

    public static Packages ensure(Path projectDir, JavezeConfig config, Settings settings) {
        MavenProject maven = new MavenProject(projectDir, settings.offline(), settings.verbose(), settings.log());
        boolean compile = maven.needsCompile() && Files.isRegularFile(projectDir.resolve("pom.xml"));
        if (compile || packagesOlderThanClasses(projectDir, maven.classesDir())) {
            settings.log().accept(compile ? "sources changed since the last build: compiling and packaging"
                    : "packages are older than the compiled classes: packaging");
            List<Path> classpath = compile ? maven.compileAndResolveRuntimeClasspath() : maven.storedRuntimeClasspath();
            ApplicationFiles files = ApplicationFiles.read(maven.classesDir(), classpath);
            new Packager(projectDir, config, ManifestStore.read(projectDir), files).build(new Packager.Listener() {});
        }
        return Packages.read(projectDir);
    }

    static boolean packagesOlderThanClasses(Path projectDir, Path classes) {
        Path index = PackageIndex.path(projectDir);
        if (!Files.isRegularFile(index)) return true;
        if (!Files.isDirectory(classes)) return false;
        try (var files = Files.walk(classes)) {
            FileTime built = Files.getLastModifiedTime(index);
            return files.filter(Files::isRegularFile).anyMatch(f -> modified(f).compareTo(built) > 0);
        } catch (IOException e) {
            return true;
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }
}
