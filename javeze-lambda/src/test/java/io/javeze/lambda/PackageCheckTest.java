package io.javeze.lambda;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCheckTest {
    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    @TempDir
    Path dir;

    @Test
    void acceptsAHandlerAtTheRootOrInALibJar() throws IOException {
        Path root = zip("root.zip", Map.of("app/Hello.class", CLASS), Map.of());
        assertThatCode(() -> PackageCheck.verify(root, "app.Hello::handleRequest")).doesNotThrowAnyException();

        byte[] jar = Files.readAllBytes(zip("dep.jar", Map.of("dep/Handler.class", CLASS), Map.of()));
        Path lib = zip("lib.zip", Map.of("lib/dep.jar", jar, "config.txt", "x".getBytes(StandardCharsets.UTF_8)), Map.of());
        assertThatCode(() -> PackageCheck.verify(lib, "dep.Handler")).doesNotThrowAnyException();
    }

    @Test
    void rejectsEntriesThatUnpackOutsideTheFunctionDirectory() throws IOException {
        for (String evil : new String[] {"../evil.sh", "a/../../evil.sh", "/etc/cron.d/evil", "C:/evil.dll", "a\\..\\..\\evil"}) {
            Path zip = zip("slip.zip", Map.of("app/Hello.class", CLASS, evil, CLASS), Map.of());
            assertThatThrownBy(() -> PackageCheck.verify(zip, "app.Hello")).isInstanceOf(JavezeException.class)
                    .hasMessageStartingWith(zip + ": entry \"").hasMessageEndingWith("\" would unpack outside the function's directory");
        }
    }

    @Test
    void rejectsSymbolicLinks() throws IOException {
        Path zip = zip("link.zip", Map.of("app/Hello.class", CLASS, "secrets", "/etc/passwd".getBytes(StandardCharsets.UTF_8)),
                Map.of("secrets", 0120777));
        assertThatThrownBy(() -> PackageCheck.verify(zip, "app.Hello"))
                .hasMessage(zip + ": entry \"secrets\" is a symbolic link; Lambda packages must hold real files");
    }

    @Test
    void rejectsEmptyCorruptAndMissingPackagesWithOneLineNamingTheFile() throws IOException {
        Path empty = zip("empty.zip", Map.of(), Map.of());
        assertThatThrownBy(() -> PackageCheck.verify(empty, null)).hasMessage(empty + ": the package is empty");

        Path corrupt = Files.write(dir.resolve("corrupt.zip"), "not a zip at all".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PackageCheck.verify(corrupt, null)).isInstanceOf(JavezeException.class)
                .hasMessageStartingWith(corrupt + ": not a readable zip file");

        Path missing = dir.resolve("missing.zip");
        assertThatThrownBy(() -> PackageCheck.verify(missing, null)).hasMessage(missing + ": no such package file");
    }

    @Test
    void rejectsAHandlerWhoseClassIsNotInThePackage() throws IOException {
        Path zip = zip("other.zip", Map.of("app/Other.class", CLASS), Map.of());
        assertThatThrownBy(() -> PackageCheck.verify(zip, "app.Hello::handleRequest"))
                .hasMessage(zip + ": handler app.Hello::handleRequest not found: no app/Hello.class at the package root or in a lib/ jar");
    }

    private Path zip(String name, Map<String, byte[]> entries, Map<String, Integer> modes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(entries).entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                if (modes.containsKey(e.getKey())) {
                    entry.setUnixMode(modes.get(e.getKey()));
                }
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
