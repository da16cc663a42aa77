package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void anInterruptedThreadStillWritesTheWholeFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("state.json");
        Thread.currentThread().interrupt(); // as a thread of an executor being shut down
        try {
            AtomicFiles.write(target, "{\"kept\":true}");
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readString(target)).isEqualTo("{\"kept\":true}");
    }

    @Test
    void writesLargeContentWhole(@TempDir Path dir) throws Exception {
        byte[] big = new byte[8 * 1024 * 1024 + 7];
        new java.util.Random(1).nextBytes(big);
        Path target = dir.resolve("big.bin");

        AtomicFiles.write(target, big);

        assertThat(Files.readAllBytes(target)).isEqualTo(big);
    }

    @Test
    void stateStaysOwnerOnlyWhileBuildOutputsAreReadableByAll(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state.json");
        Path zip = dir.resolve("hello.zip");

        AtomicFiles.write(state, "{}");
        AtomicFiles.writeReadable(zip, new byte[] {1});

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-r--r--");
    }
}
