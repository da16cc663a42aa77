package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagerTest {
    @TempDir
    Path project;

    private Path classes;
    private List<Path> classpath;
    /** Jars in each package (most tests look at them there); {@link #layered} puts them in a dependency layer. */
    private JavezeConfig config = config(false);

    private static JavezeConfig config(boolean layer) {
        return new JavezeConfig(Path.of("javeze.toml"), "svc", new JavezeConfig.Deployment("aws", null, "lambda", "prod"),
                new JavezeConfig.LambdaDefaults(512, 30, "java21", "x86_64", Map.of(), Map.of(), null, false, layer, false));
    }

    private void layered() {
        config = config(true);
    }

    /** Compiled once; each test packages its own copy. */
    private static Path compiled;

    @BeforeAll
    static void compileApp(@TempDir Path shared) throws IOException {
        compiled = TestClasses.compile(shared, TestClasses.app());
    }

    @BeforeEach
    void copyApp() throws IOException {
        classes = project.resolve("target/classes");
        try (Stream<Path> files = Files.walk(compiled)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = classes.resolve(compiled.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Files.writeString(classes.resolve("app.properties"), "greeting=hi\n");
        Path repo = Files.createDirectories(project.resolve("repo"));
        Path dep = repo.resolve("dep-1.0.jar");
        Files.write(dep, ArchitectureResolverTest.jar(Map.of("dep/Dep.class", new byte[] {1, 2, 3})));
        Path processor = repo.resolve("javeze-processor-0.1.0-SNAPSHOT.jar");
        Files.write(processor, ArchitectureResolverTest.jar(Map.of("io/javeze/processor/P.class", new byte[] {4})));
        classpath = List.of(dep, processor);
    }

    private static FunctionSpec function(String name, String handlerClass) {
        return new FunctionSpec(name, "svc-" + name, FunctionKind.ROUTE, handlerClass + "::handleRequest",
                "app.X#" + name, null, null, List.of());
    }

    private List<Packager.PackageResult> build(FunctionSpec... functions) {
        Manifest manifest = new Manifest(1, "svc", List.of(functions), null, null, null, null, null);
        return new Packager(project, config, manifest, ApplicationFiles.read(classes, classpath)).build(new Packager.Listener() {});
    }

    private static final FunctionSpec HELLO = function("hello", "gen.HelloHandler");
    private static final FunctionSpec BYE = function("bye", "gen.ByeHandler");

    private Path zip(String function) {
        return project.resolve(".javeze/packages/" + function + ".zip");
    }

    private static List<String> names(Path zip) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<String> names = new ArrayList<>();
            for (ZipArchiveEntry e : Collections.list(file.getEntriesInPhysicalOrder())) names.add(e.getName());
            return names;
        }
    }

    @Test
    void eachPackageHoldsItsReachableClassesAllResourcesAndRuntimeJars() throws IOException {
        build(HELLO, BYE);

        assertThat(names(zip("hello"))).containsExactly("app.properties", "app/Box.class", "app/Greeter.class",
                "app/Hello.class", "app/Shared.class", "gen/HelloHandler.class", "lib/dep-1.0.jar");
        assertThat(names(zip("bye"))).containsExactly("app.properties", "app/Plugin.class", "app/Shared.class",
                "gen/ByeHandler.class", "lib/dep-1.0.jar");
    }

    @Test
    void packagesAndTheirIndexAreWorldReadableAsMavensJarsAre() throws IOException {
        build(HELLO);

        for (Path file : List.of(zip("hello"), project.resolve(".javeze/packages/index.json"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void buildingTwiceGivesByteIdenticalPackagesAndLeavesThemAlone() throws IOException {
        List<Packager.PackageResult> first = build(HELLO, BYE);
        byte[] hello = Files.readAllBytes(zip("hello"));
        Files.delete(zip("bye"));
        Files.delete(project.resolve(".javeze/packages/index.json"));
        build(HELLO, BYE);
        byte[] bye = Files.readAllBytes(zip("bye"));

        List<Packager.PackageResult> third = build(HELLO, BYE);

        assertThat(first).allMatch(Packager.PackageResult::changed);
        assertThat(third).noneMatch(Packager.PackageResult::changed);
        assertThat(Files.readAllBytes(zip("hello"))).isEqualTo(hello);
        assertThat(Files.readAllBytes(zip("bye"))).isEqualTo(bye);
        assertThat(third).extracting(Packager.PackageResult::entry).isEqualTo(first.stream().map(Packager.PackageResult::entry).toList());
    }

    @Test
    void changingAClassOnlyChangesThePackagesThatReachIt() throws IOException {
        Map<String, PackageIndex.Entry> before = indexAfter(build(HELLO, BYE));
        Map<String, String> changed = new java.util.TreeMap<>(TestClasses.app());
        changed.put("app/Greeter.java", "package app; public class Greeter { static String greet(String w) { return \"Hi, \" + w; } }");
        TestClasses.compile(project, changed);

        List<Packager.PackageResult> results = build(HELLO, BYE);

        assertThat(results).filteredOn(Packager.PackageResult::changed).extracting(Packager.PackageResult::function).containsExactly("hello");
        assertThat(indexAfter(results).get("bye")).isEqualTo(before.get("bye"));
        assertThat(indexAfter(results).get("hello").sha256()).isNotEqualTo(before.get("hello").sha256());
    }

    private Map<String, PackageIndex.Entry> indexAfter(List<Packager.PackageResult> results) {
        Map<String, PackageIndex.Entry> index = PackageIndex.read(project);
        assertThat(index.keySet()).containsExactlyElementsOf(results.stream().map(Packager.PackageResult::function).sorted().toList());
        return index;
    }

    @Test
    void indexRecordsFileDigestsSizeAndArchitecture() throws Exception {
        build(HELLO, BYE);

        Map<String, PackageIndex.Entry> index = PackageIndex.read(project);
        byte[] bytes = Files.readAllBytes(zip("hello"));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        PackageIndex.Entry hello = index.get("hello");
        assertThat(new PackageIndex.Entry(hello.file(), hello.sha256(), hello.codeSha256(), hello.size(), hello.architecture()))
                .isEqualTo(new PackageIndex.Entry("hello.zip", HexFormat.of().formatHex(digest),
                        Base64.getEncoder().encodeToString(digest), bytes.length, "x86_64"));
        assertThat(hello.layer()).isNull();
        assertThat(hello.inputs()).matches("[0-9a-f]{64}");
        assertThat(index.get("hello").path(project)).isEqualTo(zip("hello"));
        assertThat(Files.readString(PackageIndex.path(project))).contains("\"codeSha256\"", "\"architecture\" : \"x86_64\"");
    }

    @Test
    void packagesOfRemovedFunctionsAreDeleted() {
        build(HELLO, BYE);

        build(HELLO);

        assertThat(zip("bye")).doesNotExist();
        assertThat(PackageIndex.read(project)).containsOnlyKeys("hello");
    }

    @Test
    void aManifestWithoutFunctionsIsAUserError() {
        assertThatThrownBy(this::build)
                .isInstanceOf(JavezeException.class)
                .hasMessageEndingWith("manifest.json: no functions; annotate a method with @Route, @Auth or @Subscriber");
    }

    @Test
    void aHandlerMissingFromTheClassesIsAUserError() {
        assertThatThrownBy(() -> build(function("gone", "gen.GoneHandler")))
                .isInstanceOf(JavezeException.class)
                .hasMessage("function gone: generated handler gen.GoneHandler is not among the compiled classes; run `javeze codegen`");
        assertThat(PackageIndex.path(project)).doesNotExist();
    }

    @Test
    void dependencyJarsAreDeflatedOnceAsStoredJarsWithTheSameEntriesAndBytes() throws IOException {
        build(HELLO);

        try (ZipFile pkg = ZipFile.builder().setPath(zip("hello")).get()) {
            ZipArchiveEntry lib = pkg.getEntry("lib/dep-1.0.jar");
            assertThat(lib.getMethod()).isEqualTo(java.util.zip.ZipEntry.DEFLATED);
            byte[] jar = pkg.getInputStream(lib).readAllBytes();
            try (ZipFile inner = ZipFile.builder().setByteArray(jar).get()) {
                List<ZipArchiveEntry> entries = Collections.list(inner.getEntriesInPhysicalOrder());
                assertThat(entries).extracting(ZipArchiveEntry::getName).containsExactly("dep/Dep.class");
                assertThat(entries).allSatisfy(e -> assertThat(e.getMethod()).isEqualTo(java.util.zip.ZipEntry.STORED));
                assertThat(inner.getInputStream(entries.get(0)).readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void aDependencyThatIsNotAJarIsAUserErrorNamingIt() throws IOException {
        Path broken = project.resolve("repo/broken-1.0.jar");
        Files.write(broken, new byte[] {'n', 'o', 't', 'a', 'z', 'i', 'p'});
        classpath = List.of(broken);

        assertThatThrownBy(() -> build(HELLO))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith("lib/broken-1.0.jar: not a readable jar");
    }

    // --- the build cache: what a package is made from decides, not file times

    @Test
    void aNoOpBuildZipsNothingAndLeavesEveryFileAlone() throws IOException {
        layered();
        build(HELLO, BYE);
        Map<Path, FileTime> times = times();

        List<Packager.PackageResult> again = build(HELLO, BYE);

        assertThat(again).noneMatch(Packager.PackageResult::changed);
        for (Map.Entry<Path, FileTime> t : times.entrySet()) assertThat(modified(t.getKey())).as(t.getKey().toString()).isEqualTo(t.getValue());
    }

    @Test
    void touchingAClassWithoutChangingItRebuildsNothing() throws IOException {
        build(HELLO, BYE);
        Path greeter = classes.resolve("app/Greeter.class");
        Files.setLastModifiedTime(greeter, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        assertThat(build(HELLO, BYE)).noneMatch(Packager.PackageResult::changed);
    }

    @Test
    void aClassChangedUnderTheSameTimeAndSizeIsStillRebuilt() throws IOException {
        build(HELLO, BYE);
        Path greeter = classes.resolve("app/Greeter.class");
        FileTime time = Files.getLastModifiedTime(greeter);
        Map<String, String> changed = new java.util.TreeMap<>(TestClasses.app());
        changed.put("app/Greeter.java", "package app; public class Greeter { static String greet(String w) { return \"Howdy, \" + w; } }");
        Path other = TestClasses.compile(project.resolve("other"), changed);
        byte[] bytes = Files.readAllBytes(other.resolve("app/Greeter.class"));
        assertThat(bytes.length).isEqualTo(Files.size(greeter));
        Files.write(greeter, bytes);
        Files.setLastModifiedTime(greeter, time);

        assertThat(build(HELLO, BYE)).filteredOn(Packager.PackageResult::changed)
                .extracting(Packager.PackageResult::function).containsExactly("hello");
    }

    @Test
    void aDamagedPackageFileIsMadeAgain() throws IOException {
        build(HELLO);
        byte[] good = Files.readAllBytes(zip("hello"));
        Files.write(zip("hello"), new byte[] {1, 2, 3});

        assertThat(build(HELLO)).allMatch(Packager.PackageResult::changed);
        assertThat(Files.readAllBytes(zip("hello"))).isEqualTo(good);
    }

    @Test
    void aSettingThatChangesThePackageRebuildsIt() throws IOException {
        build(HELLO);
        layered();

        List<Packager.PackageResult> results = build(HELLO);

        assertThat(results).allMatch(Packager.PackageResult::changed);
        assertThat(names(zip("hello"))).noneMatch(n -> n.startsWith("lib/"));
    }

    // --- the dependency layer

    @Test
    void withALayerPackagesHoldOnlyTheirOwnFilesAndTheJarsGoUnderJavaLib() throws IOException {
        layered();
        build(HELLO, BYE);

        assertThat(names(zip("hello"))).containsExactly("app.properties", "app/Box.class", "app/Greeter.class",
                "app/Hello.class", "app/Shared.class", "gen/HelloHandler.class");
        assertThat(names(zip("bye"))).noneMatch(n -> n.endsWith(".jar"));
        Map<String, PackageIndex.Layer> layers = PackageIndex.readLayers(project);
        assertThat(layers).hasSize(1);
        String digest = layers.keySet().iterator().next();
        assertThat(PackageIndex.read(project).values()).extracting(PackageIndex.Entry::layer).containsOnly(digest);
        PackageIndex.Layer layer = layers.get(digest);
        assertThat(layer.jars()).containsExactly("dep-1.0.jar");
        assertThat(names(layer.path(project))).containsExactly("java/lib/dep-1.0.jar");
        byte[] zip = Files.readAllBytes(layer.path(project));
        assertThat(layer.sha256()).isEqualTo(HexFormat.of().formatHex(Packager.sha256(zip)));
        assertThat(layer.size()).isEqualTo(zip.length);
    }

    @Test
    void aDependencyChangeMakesOneNewLayerEveryFunctionNamesAndDropsTheOldOne() throws IOException {
        layered();
        build(HELLO, BYE);
        PackageIndex.Layer before = PackageIndex.readLayers(project).values().iterator().next();
        Files.write(project.resolve("repo/dep-1.0.jar"), ArchitectureResolverTest.jar(Map.of("dep/Dep.class", new byte[] {9, 9})));

        List<Packager.PackageResult> results = build(HELLO, BYE);

        Map<String, PackageIndex.Layer> layers = PackageIndex.readLayers(project);
        assertThat(layers).hasSize(1);
        String digest = layers.keySet().iterator().next();
        assertThat(layers.get(digest).sha256()).isNotEqualTo(before.sha256());
        assertThat(results).extracting(r -> r.entry().layer()).containsOnly(digest);
        assertThat(before.path(project)).doesNotExist();
    }

    private Map<Path, FileTime> times() throws IOException {
        Map<Path, FileTime> times = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(PackageIndex.directory(project))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".zip")).toList()) times.put(f, Files.getLastModifiedTime(f));
        }
        assertThat(times).hasSize(3);
        return times;
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file);
    }
}
