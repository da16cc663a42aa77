package io.javeze.build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenProjectTest {
    @TempDir
    Path project;

    private MavenProject maven;
    private Path source;

    @BeforeEach
    void project() throws Exception {
        maven = new MavenProject(project, true, false, line -> {});
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"a\"\n");
        source = project.resolve("src/main/java/a/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package a; class A {}");
        at(project.resolve("pom.xml"), 100);
        at(project.resolve("javeze.toml"), 100);
        at(source, 100);
        // directories count too (a deleted source changes its directory's time)
        for (Path dir = source.getParent(); !dir.equals(project); dir = dir.getParent()) at(dir, 100);
    }

    private void built(long second) throws Exception {
        Files.createDirectories(maven.classesDir());
        Path manifest = project.resolve(".javeze/manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{}");
        Path classpath = project.resolve(".javeze/classpath.txt");
        Files.writeString(classpath, "/repo/a.jar" + java.io.File.pathSeparator + "/repo/b.jar\n");
        at(classpath, second);
    }

    private static void at(Path file, long second) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + second)));
    }

    @Test
    void neverBuiltNeedsCompile() {
        assertThat(maven.needsCompile()).isTrue();
    }

    @Test
    void upToDateWhenTheLastResolutionIsNewerThanEverySource() throws Exception {
        built(200);

        assertThat(maven.needsCompile()).isFalse();
        assertThat(maven.storedRuntimeClasspath()).containsExactly(Path.of("/repo/a.jar"), Path.of("/repo/b.jar"));
    }

    @Test
    void aChangedSourcePomOrConfigNeedsCompile() throws Exception {
        built(200);

        for (Path input : List.of(source, project.resolve("pom.xml"), project.resolve("javeze.toml"))) {
            at(input, 300);
            assertThat(maven.needsCompile()).as(input.toString()).isTrue();
            at(input, 100);
        }
        assertThat(maven.needsCompile()).isFalse();
    }

    @Test
    void aDeletedSourceNeedsCompile() throws Exception {
        built(200);

        Files.delete(source);

        assertThat(maven.needsCompile()).isTrue();
    }

    @Test
    void missingManifestOrClassesNeedCompile() throws Exception {
        built(200);
        Files.delete(project.resolve(".javeze/manifest.json"));
        assertThat(maven.needsCompile()).isTrue();

        built(200);
        Files.delete(maven.classesDir());
        assertThat(maven.needsCompile()).isTrue();
    }
}
