package io.javeze.dev;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.PackageIndex;
import io.javeze.build.Packager;
import io.javeze.build.maven.MavenProject;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.dev.compile.CompilerSettings;
import io.javeze.dev.compile.InProcessCompiler;
import io.javeze.dev.watch.SourceWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine of {@code javeze dev}: turns a batch of changed files into running code. Java sources compile in-process
 * ({@link InProcessCompiler}, with the options Maven resolved once per pom.xml); resources are copied; the packages
 * of the functions whose classes changed are rebuilt and the app is deployed through the deploy engine, which updates
 * only functions whose package digest changed and adds or removes routes as {@code javeze deploy} does. A compile
 * error changes nothing deployed: the last good version keeps serving.
 */
public final class DevSession implements AutoCloseable {

    /**
     * What one rebuild did. {@code report}: the latest deploy's, null after a compile error; {@code deployed}: false
     * when the edit changed no package, no function or route and not javeze.toml, so there was nothing to deploy.
     */
    public record Rebuild(List<String> compileErrors, int compiledFiles, boolean mavenRan, List<String> repackaged,
                          DeployReport report, boolean deployed, Timings timings) {
        public boolean failed() {
            return !compileErrors.isEmpty();
        }
    }

    /** Milliseconds spent in each phase. */
    public record Timings(long maven, long compile, long packaging, long deploy) {
        public long total() {
            return maven + compile + packaging + deploy;
        }
    }

    private final Path projectDir;
    private final MavenProject maven;
    private final Deployer deployer;
    private final String stage;
    private final Consumer<String> log;
    private final ProjectFiles files;
    private InProcessCompiler compiler;
    private List<Path> runtimeClasspath;
    private ApplicationFiles libraryFiles;
    /** Sources changed since the last successful compile: a failed compile's files are compiled again with the next batch. */
    private final Set<Path> pending = new LinkedHashSet<>();
    private boolean fullCompilePending = true;
    private DeployReport lastReport;
    private String deployedApp;

    /**
     * @param deployer deploys the package index as it stands (no rebuild of its own)
     * @param stage    {@code --stage}, or null for javeze.toml's
     * @param log      progress lines (Maven running, what changed)
     */
    public DevSession(Path projectDir, MavenProject maven, Deployer deployer, String stage, Consumer<String> log) {
        this.projectDir = projectDir;
        this.maven = maven;
        this.deployer = deployer;
        this.stage = stage;
        this.log = log;
        this.files = new ProjectFiles(projectDir, maven.classesDir());
    }

    /** The first build and deploy: Maven only when pom.xml is new to the cache, then a full in-process compile. */
    public Rebuild start() {
        long t0 = System.nanoTime();
        resolveCompiler();
        long maven = millisSince(t0);
        files.copyAllResources();
        return rebuild(maven, true);
    }

    /** Applies one settled batch of changes from the {@link SourceWatcher}. */
    public Rebuild apply(Set<Path> changed) {
        long t0 = System.nanoTime();
        boolean mavenRan = false;
        if (changed.contains(projectDir.resolve("pom.xml"))) {
            resolveCompiler();
            files.copyAllResources();
            mavenRan = true;
        }
        if (changed.contains(projectDir.resolve("javeze.toml"))) {
            fullCompilePending = true; // the processor reads the service name and defaults
        }
        for (Path path : changed) {
            if (files.isJavaSource(path)) {
                if (Files.isRegularFile(path)) {
                    pending.add(path);
                } else {
                    files.deleteClassesOf(path);
                    fullCompilePending = true; // its functions leave the manifest only when everything is compiled again
                }
            } else if (files.isResource(path)) {
                files.syncResource(path);
            }
        }
        return rebuild(mavenRan ? millisSince(t0) : 0, mavenRan);
    }

    private Rebuild rebuild(long mavenMillis, boolean mavenRan) {
        long t1 = System.nanoTime();
        InProcessCompiler.Result compiled;
        if (fullCompilePending) {
            compiled = compiler.compile(files.allJavaSources());
        } else {
            pending.removeIf(p -> !Files.isRegularFile(p));
            compiled = compiler.compile(pending);
        }
        long compileMillis = millisSince(t1);
        if (!compiled.success()) {
            return new Rebuild(compiled.errors(), compiled.files(), mavenRan, List.of(), null, false,
                    new Timings(mavenMillis, compileMillis, 0, 0));
        }
        pending.clear();
        fullCompilePending = false;

        long t2 = System.nanoTime();
        List<String> repackaged = repackage();
        long packageMillis = millisSince(t2);

        long t3 = System.nanoTime();
        String app = deployedShape();
        if (repackaged.isEmpty() && app.equals(deployedApp) && lastReport != null) {
            return new Rebuild(List.of(), compiled.files(), mavenRan, repackaged, lastReport, false,
                    new Timings(mavenMillis, compileMillis, packageMillis, 0));
        }
        lastReport = deployer.deploy(projectDir, false, stage);
        deployedApp = app;
        return new Rebuild(List.of(), compiled.files(), mavenRan, repackaged, lastReport, true,
                new Timings(mavenMillis, compileMillis, packageMillis, millisSince(t3)));
    }

    /** What a deploy acts on besides the packages: the manifest's functions, routes and topics, and javeze.toml. */
    private String deployedShape() {
        Manifest m = ManifestStore.read(projectDir);
        try {
            return ManifestStore.json().writeValueAsString(List.of(m.functions(), m.routes(), m.authorizers(), m.topics()))
                    + Files.readString(projectDir.resolve("javeze.toml"));
        } catch (java.io.IOException e) {
            throw new JavezeException(projectDir.resolve("javeze.toml") + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Rebuilds the packages whose inputs (reachable classes, resources, jars) changed; returns their functions. */
    private List<String> repackage() {
        JavezeConfig config = JavezeConfig.load(projectDir).withStage(stage, "--stage");
        Manifest manifest = ManifestStore.read(projectDir);
        if (!config.serviceName().equals(manifest.service())) {
            throw new JavezeException(ManifestStore.path(projectDir) + ": written for service " + manifest.service()
                    + " but javeze.toml says " + config.serviceName()
                    + "; is io.javeze:javeze-processor in the compiler's annotationProcessorPaths?");
        }
        if (libraryFiles == null) {
            libraryFiles = ApplicationFiles.read(maven.classesDir(), runtimeClasspath);
        }
        ApplicationFiles app = ApplicationFiles.readClasses(maven.classesDir(), libraryFiles);
        List<String> rebuilt = new ArrayList<>();
        new Packager(projectDir, config, manifest, app).build(new Packager.Listener() {
            @Override
            public void packaged(Packager.PackageResult result) {
                if (result.changed()) rebuilt.add(result.function());
            }

            @Override
            public void layer(String digest, PackageIndex.Layer layer, boolean changed) {
                if (changed) rebuilt.add("dependency layer " + digest);
            }
        });
        return rebuilt;
    }

    private void resolveCompiler() {
        log.accept("resolving the compiler's classpath with Maven (once per pom.xml)");
        CompilerSettings.Resolved resolved = CompilerSettings.resolve(projectDir, maven);
        if (compiler != null) compiler.close();
        compiler = new InProcessCompiler(projectDir, resolved.arguments());
        runtimeClasspath = resolved.arguments().runtimeClasspath();
        libraryFiles = null;
        fullCompilePending = true;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public void close() {
        if (compiler != null) compiler.close();
    }
}
