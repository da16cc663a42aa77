package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-op build's stamp: it holds while every input and output keeps its content, and only then. */
class BuildStampTest {
    private static final FunctionSpec HELLO = new FunctionSpec("hello", "svc-hello", FunctionKind.ROUTE,
            "gen.HelloHandler::handleRequest", "app.X#hello", null, null, List.of());
    private static final JavezeConfig CONFIG = new JavezeConfig(Path.of("javeze.toml"), "svc",
            new JavezeConfig.Deployment("aws", null, "lambda", "prod"),
            new JavezeConfig.LambdaDefaults(512, 30, "java21", "x86_64", Map.of(), Map.of(), null, false, true, false));
    private static Path compiled;

    @TempDir
    Path project;
    private Path classes;
    private Path classpathFile;
    private List<Path> jars;

    @BeforeAll
    static void compileApp(@TempDir Path shared) throws IOException {
        compiled = TestClasses.compile(shared, TestClasses.app());
    }

    @BeforeEach
    void buildOnce() throws IOException {
        classes = project.resolve("target/classes");
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = classes.resolve(compiled.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"svc\"\n");
        Path dep = Files.createDirectories(project.resolve("repo")).resolve("dep-1.0.jar");
        Files.write(dep, ArchitectureResolverTest.jar(Map.of("dep/Dep.class", new byte[] {1, 2, 3})));
        jars = List.of(dep);
        classpathFile = Files.createDirectories(project.resolve(".javeze")).resolve("classpath.txt");
        Files.writeString(classpathFile, dep + "\n");
        Manifest manifest = new Manifest(1, "svc", List.of(HELLO), null, null, null, null, null);
        ManifestStore.write(project, manifest);
        List<Packager.PackageResult> results = new Packager(project, CONFIG, manifest, ApplicationFiles.read(classes, jars))
                .build(new Packager.Listener() {});
        // files older than the racy window, so that the stamp trusts their times and the check does not re-hash them
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            }
        }
        BuildStamp.record(project, classes, classpathFile, jars, results,
                List.of("function hello: s3:GetObject at app.Hello.handle(Hello.java:12) is not granted:\tadd it"));
    }

    @Test
    void anUntouchedProjectIsUnchangedWithWhatTheBuildReported() {
        BuildStamp.Unchanged unchanged = BuildStamp.unchanged(project, classes);

        assertThat(unchanged).isNotNull();
        assertThat(unchanged.packages()).extracting(BuildStamp.Package::function).containsExactly("hello");
        assertThat(unchanged.packages().get(0).size()).isEqualTo(Files.exists(zip()) ? size(zip()) : -1);
        assertThat(unchanged.layers()).hasSize(1);
        assertThat(unchanged.warnings()).as("the build's warnings, repeated by a build answered from the stamp")
                .containsExactly("function hello: s3:GetObject at app.Hello.handle(Hello.java:12) is not granted: add it");
    }

    @Test
    void contentDecidesNotFileTimes() throws IOException {
        Path hello = classes.resolve("app/Hello.class");
        Files.setLastModifiedTime(hello, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(BuildStamp.unchanged(project, classes)).as("touched, same content").isNotNull();

        byte[] bytes = Files.readAllBytes(hello);
        bytes[bytes.length - 1] ^= 1;
        Files.write(hello, bytes);
        assertThat(BuildStamp.unchanged(project, classes)).as("same size, other content").isNull();
    }

    @Test
    void aDeployRecordInTheManifestChangesNothingButAFunctionDoes() {
        Manifest manifest = ManifestStore.read(project);
        ManifestStore.write(project, manifest.withDeployed(ManifestStore.json().createObjectNode().put("schema", 2)));
        assertThat(BuildStamp.unchanged(project, classes)).isNotNull();

        FunctionSpec renamed = new FunctionSpec("hi", "svc-hi", FunctionKind.ROUTE, HELLO.handler(), HELLO.source(), null, null, List.of());
        ManifestStore.write(project, new Manifest(1, "svc", List.of(renamed), null, null, null, null, null));
        assertThat(BuildStamp.unchanged(project, classes)).isNull();
    }

    @Test
    void aNewClassAChangedJarOrConfigOrARewrittenPackageIsAChange() throws IOException {
        Files.writeString(classes.resolve("app/New.txt"), "new");
        assertThat(BuildStamp.unchanged(project, classes)).as("file added").isNull();
        Files.delete(classes.resolve("app/New.txt"));
        assertThat(BuildStamp.unchanged(project, classes)).isNotNull();

        Files.writeString(project.resolve("javeze.toml"), "service_name = \"svc2\"\n");
        assertThat(BuildStamp.unchanged(project, classes)).as("javeze.toml").isNull();
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"svc\"\n");

        Files.write(jars.get(0), ArchitectureResolverTest.jar(Map.of("dep/Dep.class", new byte[] {1, 2, 4})));
        assertThat(BuildStamp.unchanged(project, classes)).as("dependency jar").isNull();
    }

    @Test
    void aPackageChangedOrRemovedAfterTheBuildIsAChange() throws IOException {
        Files.write(zip(), new byte[] {1});
        assertThat(BuildStamp.unchanged(project, classes)).isNull();
        Files.delete(zip());
        assertThat(BuildStamp.unchanged(project, classes)).isNull();
    }

    @Test
    void aDamagedOrMissingStampMeansAFullBuild() throws IOException {
        Files.writeString(BuildStamp.path(project), "javeze-build-stamp/1 javeze-package/2\nfile\tx\n");
        assertThat(BuildStamp.unchanged(project, classes)).isNull();
        Files.delete(BuildStamp.path(project));
        assertThat(BuildStamp.unchanged(project, classes)).isNull();
    }

    private Path zip() {
        return project.resolve(".javeze/packages/hello.zip");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
