package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationFilesTest {
    @TempDir
    Path dir;

    @Test
    void splitsClassesFromResourcesAndReadsServiceImplementations() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/a"));
        Files.write(classes.resolve("A.class"), new byte[] {1});
        Files.writeString(classes.resolve("a.txt"), "x");
        Path services = Files.createDirectories(dir.resolve("classes/META-INF/services"));
        Files.writeString(services.resolve("java.sql.Driver"), "# drivers\na.Driver  # the one\n\nb.Other\n");

        ApplicationFiles files = ApplicationFiles.read(dir.resolve("classes"), List.of());

        assertThat(files.classes()).containsOnlyKeys("a/A");
        assertThat(files.resources()).extracting(PackageEntry::path).containsExactly("META-INF/services/java.sql.Driver", "a/a.txt");
        assertThat(files.serviceImplementations()).containsExactly("a/Driver", "b/Other");
    }

    @Test
    void missingClassesDirectoryTellsToRunCodegen() {
        assertThatThrownBy(() -> ApplicationFiles.read(dir.resolve("target/classes"), List.of()))
                .isInstanceOf(JavezeException.class)
                .hasMessage(dir.resolve("target/classes") + ": no compiled classes; run `javeze codegen` first");
    }

    @Test
    void classpathEntriesMustBeDistinctJars() throws Exception {
        Files.createDirectories(dir.resolve("classes"));
        Path folder = Files.createDirectories(dir.resolve("other-module/classes"));
        Path one = Files.createDirectories(dir.resolve("g1")).resolve("x-1.jar");
        Path two = Files.createDirectories(dir.resolve("g2")).resolve("x-1.jar");
        Files.write(one, new byte[] {1});
        Files.write(two, new byte[] {2});

        assertThatThrownBy(() -> ApplicationFiles.read(dir.resolve("classes"), List.of(folder)))
                .isInstanceOf(JavezeException.class)
                .hasMessageContaining("runtime classpath entry is not a jar");
        assertThatThrownBy(() -> ApplicationFiles.read(dir.resolve("classes"), List.of(one, two)))
                .isInstanceOf(JavezeException.class)
                .hasMessage(two + ": two runtime dependencies are both named x-1.jar");
        assertThat(ApplicationFiles.read(dir.resolve("classes"), List.of(one)).libraries())
                .extracting(PackageEntry::path).containsExactly("lib/x-1.jar");
    }
}
