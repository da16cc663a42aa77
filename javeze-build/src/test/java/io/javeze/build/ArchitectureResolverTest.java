package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArchitectureResolverTest {
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int EM_ARM = 40;

    /** A 64-byte ELF header, the only part the resolver reads. */
    static byte[] elf(int machine, boolean bigEndian) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = 2; // 64-bit
        h[5] = (byte) (bigEndian ? 2 : 1);
        h[6] = 1;
        h[16] = 3; // ET_DYN
        if (bigEndian) {
            h[18] = (byte) (machine >> 8);
            h[19] = (byte) machine;
        } else {
            h[18] = (byte) machine;
            h[19] = (byte) (machine >> 8);
        }
        return h;
    }

    static byte[] jar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static JavezeConfig.LambdaDefaults lambda(String architecture, boolean set) {
        return new JavezeConfig.LambdaDefaults(512, 30, "java21", architecture, Map.of(), Map.of(), null, set);
    }

    private static final PackageEntry CLASS = new PackageEntry("app/Hello.class", new byte[] {(byte) 0xca, (byte) 0xfe}, false);

    @Test
    void readsTheMachineFromElfHeaders() {
        assertThat(NativeArchitecture.ofElf(elf(EM_X86_64, false))).contains("x86_64");
        assertThat(NativeArchitecture.ofElf(elf(EM_AARCH64, false))).contains("arm64");
        assertThat(NativeArchitecture.ofElf(elf(EM_AARCH64, true))).contains("arm64");
        assertThat(NativeArchitecture.ofElf(elf(EM_ARM, false))).isEmpty();
        assertThat(NativeArchitecture.ofElf("not an elf file at all".getBytes())).isEmpty();
        assertThat(NativeArchitecture.ofElf(new byte[] {0x7f, 'E', 'L', 'F'})).isEmpty();
    }

    @Test
    void recognisesSharedLibraryNames() {
        assertThat(NativeArchitecture.isSharedLibraryName("native/linux/libz.so")).isTrue();
        assertThat(NativeArchitecture.isSharedLibraryName("libssl.so.3")).isTrue();
        assertThat(NativeArchitecture.isSharedLibraryName("docs/so.txt")).isFalse();
        assertThat(NativeArchitecture.isSharedLibraryName("libz.dylib")).isFalse();
    }

    @Test
    void pureJvmPackageGetsTheConfiguredArchitecture() {
        assertThat(ArchitectureResolver.resolve("hello", List.of(CLASS), lambda("arm64", true))).isEqualTo("arm64");
        assertThat(ArchitectureResolver.resolve("hello", List.of(CLASS), lambda("x86_64", false))).isEqualTo("x86_64");
    }

    @Test
    void nativeCodeForOneArchitectureInsideAJarDecides() throws IOException {
        PackageEntry lib = new PackageEntry("lib/sqlite.jar", jar(Map.of(
                "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so", elf(EM_AARCH64, false),
                "org/sqlite/native/Linux/arm/libsqlitejdbc.so", elf(EM_ARM, false),
                "org/sqlite/Db.class", new byte[] {1})), false);

        assertThat(ArchitectureResolver.resolve("hello", List.of(CLASS, lib), lambda("x86_64", false))).isEqualTo("arm64");
        assertThat(ArchitectureResolver.resolve("hello", List.of(CLASS, lib), lambda("arm64", true))).isEqualTo("arm64");
    }

    @Test
    void nativeCodeAtTheRootDecides() {
        PackageEntry so = new PackageEntry("native/libfast.so", elf(EM_X86_64, false), false);

        assertThat(ArchitectureResolver.resolve("hello", List.of(CLASS, so), lambda("arm64", false))).isEqualTo("x86_64");
    }

    @Test
    void nativeCodeForBothArchitecturesKeepsTheConfiguredOne() throws IOException {
        PackageEntry lib = new PackageEntry("lib/netty.jar", jar(Map.of(
                "META-INF/native/libnetty_x86_64.so", elf(EM_X86_64, false),
                "META-INF/native/libnetty_aarch_64.so", elf(EM_AARCH64, false))), false);

        assertThat(ArchitectureResolver.resolve("hello", List.of(lib), lambda("arm64", true))).isEqualTo("arm64");
        assertThat(ArchitectureResolver.resolve("hello", List.of(lib), lambda("x86_64", false))).isEqualTo("x86_64");
    }

    @Test
    void nativeCodeOnlyForTheOtherConfiguredArchitectureIsAnError() throws IOException {
        PackageEntry lib = new PackageEntry("lib/fast.jar", jar(Map.of("linux-x86-64/libfast.so", elf(EM_X86_64, false))), false);

        assertThatThrownBy(() -> ArchitectureResolver.resolve("hello", List.of(lib), lambda("arm64", true)))
                .isInstanceOf(JavezeException.class)
                .hasMessage("function hello: its native code is for x86_64 only (lib/fast.jar!/linux-x86-64/libfast.so)"
                        + " but javeze.toml sets [lambda] architecture = \"arm64\"; set it to \"x86_64\" or use a dependency built for arm64");
    }

    @Test
    void corruptJarIsAUserError() {
        PackageEntry broken = new PackageEntry("lib/broken.jar", "PK\u0003\u0004garbage".getBytes(), false);

        assertThatThrownBy(() -> ArchitectureResolver.resolve("hello", List.of(broken), lambda("x86_64", false)))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith("lib/broken.jar: not a readable jar");
    }
}
