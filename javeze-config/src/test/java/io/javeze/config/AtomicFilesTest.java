package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void createsParentsAndWritesContent(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a/b/state.json");

        AtomicFiles.write(target, "{\"x\":1}");

        assertThat(target).hasContent("{\"x\":1}");
    }

    @Test
    void replacesExistingContentAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("index.json");
        AtomicFiles.write(target, "old old old old");

        AtomicFiles.write(target, new byte[] {1, 2, 3});

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void failureKeepsTheOldFileAndCleansUp(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("child"));

        assertThatThrownBy(() -> AtomicFiles.write(target, "new"))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith(target + ": cannot write");

        assertThat(target.resolve("child")).isDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
