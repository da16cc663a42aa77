package io.javeze.function;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.javeze.function.fixtures.HelloHandler;
import io.javeze.function.fixtures.OtherHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Lambda zips built in the test from classes the test build compiled, zipped with commons-compress. */
final class TestPackages {
    private TestPackages() {}

    /** HelloHandler plus aws-lambda-java-core under lib/; {@code marker} changes the code (and its CodeSha256). */
    static Path hello(Path dir, String marker) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(classEntry(HelloHandler.class), classBytes(HelloHandler.class));
        entries.put("lib/aws-lambda-java-core.jar", Files.readAllBytes(jarOf(RequestHandler.class)));
        entries.put("marker.txt", marker.getBytes(StandardCharsets.UTF_8));
        return zip(dir.resolve("hello-" + marker + ".zip"), entries, Map.of());
    }

    static Path twoHandlers(Path dir) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(classEntry(HelloHandler.class), classBytes(HelloHandler.class));
        entries.put(classEntry(OtherHandler.class), classBytes(OtherHandler.class));
        return zip(dir.resolve("two.zip"), entries, Map.of());
    }

    /** A custom-runtime package: an executable {@code bootstrap} whose ELF header says {@code machine}. */
    static Path bootstrap(Path dir, int machine) throws IOException {
        return zip(dir.resolve("bootstrap-" + machine + ".zip"), Map.of("bootstrap", elf(machine)), Map.of("bootstrap", 0100755));
    }

    /** A jar under lib/ carrying a native library for {@code machine}, as netty or sqlite jars do. */
    static Path helloWithNativeJar(Path dir, int machine) throws IOException {
        Map<String, byte[]> jar = Map.of("META-INF/native/libthing.so", elf(machine));
        Path jarFile = zip(dir.resolve("native-" + machine + ".jar"), jar, Map.of());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(classEntry(HelloHandler.class), classBytes(HelloHandler.class));
        entries.put("lib/native.jar", Files.readAllBytes(jarFile));
        return zip(dir.resolve("hello-native-" + machine + ".zip"), entries, Map.of());
    }

    /** An external extension: an executable under extensions/. */
    static Path extension(Path dir, String marker) throws IOException {
        byte[] script = ("#!/bin/sh\n# " + marker + "\nexit 0\n").getBytes(StandardCharsets.UTF_8);
        return zip(dir.resolve("ext-" + marker + ".zip"), Map.of("extensions/probe", script), Map.of("extensions/probe", 0100755));
    }

    static byte[] elf(int machine) {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[4] = 2; // 64-bit
        header[5] = 1; // little endian
        header[18] = (byte) machine;
        header[19] = (byte) (machine >> 8);
        return header;
    }

    static Path zip(Path target, Map<String, byte[]> entries, Map<String, Integer> modes) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (var e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                entry.setUnixMode(modes.getOrDefault(e.getKey(), 0100644));
                zip.putArchiveEntry(entry);
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
        }
        return target;
    }

    private static String classEntry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
