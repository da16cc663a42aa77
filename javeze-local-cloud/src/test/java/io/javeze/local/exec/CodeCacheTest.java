package io.javeze.local.exec;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeCacheTest {

    @TempDir
    Path dir;

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (var entry : entries.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(entry.getKey());
                out.putArchiveEntry(e);
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        return zip;
    }

    @Test
    void unpacksOncePerCodeHash() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("com/example/A.class", "a");
        entries.put("lib/dep.jar", "jar");
        Path zip = zip("ok.zip", entries);
        CodeCache cache = new CodeCache(dir.resolve("cache"));
        Path root = cache.unpack(zip, FixturePackages.sha256(zip));
        assertThat(root.resolve("com/example/A.class")).hasContent("a");
        assertThat(root.resolve("lib/dep.jar")).hasContent("jar");
        Files.writeString(root.resolve("marker"), "kept");
        assertThat(cache.unpack(zip, FixturePackages.sha256(zip))).isEqualTo(root);
        assertThat(root.resolve("marker")).exists();
    }

    @Test
    void rejectsEntriesThatEscapeThePackageAndWritesNothingOutside() throws Exception {
        CodeCache cache = new CodeCache(dir.resolve("cache"));
        for (String evil : new String[] {"../evil.txt", "a/../../evil.txt", "/tmp/evil.txt", "..\\evil.txt"}) {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("fine.txt", "ok");
            entries.put(evil, "pwned");
            Path zip = zip("slip" + Math.abs(evil.hashCode()) + ".zip", entries);
            assertThatThrownBy(() -> cache.unpack(zip, null))
                    .isInstanceOf(InvalidPackageException.class)
                    .hasMessageContaining("evil.txt"); // commons-compress turns a backslash into a slash
        }
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(dir.resolve("cache/evil.txt")).doesNotExist();
        try (var left = Files.list(dir.resolve("cache"))) {
            assertThat(left).isEmpty(); // no half-unpacked package is left behind for the cache to serve
        }
    }

    @Test
    void aFileThatIsNotAZipIsAnInvalidPackage() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.zip"), "PK but not really");
        assertThatThrownBy(() -> new CodeCache(dir.resolve("cache")).unpack(bad, null))
                .isInstanceOf(InvalidPackageException.class);
    }
}
