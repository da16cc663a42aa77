package bench.coldstart.packager;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.Packager;
import io.javeze.build.maven.MavenProject;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code javeze build} does (javeze-cli's BuildCommand), without the CLI: compile the project with Maven (the
 * processor writes the manifest), resolve its runtime class path, and package every function with javeze-build.
 * Maven runs as a child process and honours MAVEN_OPTS (e.g. {@code -Dmaven.repo.local=...}).
 * Usage: {@code PackageApp <project dir>}; prints {@code <function> <bytes>} per package.
 */
public final class PackageApp {
    private PackageApp() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]).toAbsolutePath();
        MavenProject maven = new MavenProject(dir, true, false, System.err::println);
        maven.deleteCompiledClasses();
        List<Path> classpath = maven.compileAndResolveRuntimeClasspath();
        ApplicationFiles files = ApplicationFiles.read(maven.classesDir(), classpath);
        var results = new Packager(dir, JavezeConfig.load(dir), ManifestStore.read(dir), files).build(new Packager.Listener() {});
        for (Packager.PackageResult r : results) System.out.println(r.function() + " " + r.entry().size());
    }
}
