package io.javeze.deploy.bench;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.Packager;
import io.javeze.build.maven.MavenProject;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code javeze build} does when no source changed (no Maven run: the stored class path), in a fresh JVM
 * started by {@code bench/deploy/run.sh} with the CLI's flags: read the classes and jars, decide, package.
 * Prints how many packages were made again and the time from {@code main} to done.
 */
public final class NoOpBuild {
    private NoOpBuild() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        Path project = Path.of(args[0]);
        JavezeConfig config = JavezeConfig.load(project);
        long configured = System.nanoTime();
        MavenProject maven = new MavenProject(project, true, false, line -> {});
        if (maven.needsCompile()) throw new IllegalStateException("sources changed: not a no-op build");
        List<Path> classpath = maven.storedRuntimeClasspath();
        ApplicationFiles files = ApplicationFiles.read(maven.classesDir(), classpath);
        long read = System.nanoTime();
        var manifest = ManifestStore.read(project);
        long manifested = System.nanoTime();
        List<Packager.PackageResult> results = new Packager(project, config, manifest, files).build(new Packager.Listener() {});
        System.out.printf(Locale.ROOT, "  javeze.toml %.2f s, needs-compile check + classes and jars read %.2f s, manifest %.2f s, packager %.2f s%n",
                (configured - start) / 1e9, (read - configured) / 1e9, (manifested - read) / 1e9, (System.nanoTime() - manifested) / 1e9);
        long rebuilt = results.stream().filter(Packager.PackageResult::changed).count();
        System.out.printf(Locale.ROOT, "no-op build: %d packages, %d made again, %.2f s in main()%n", results.size(), rebuilt,
                (System.nanoTime() - start) / 1e9);
    }
}
