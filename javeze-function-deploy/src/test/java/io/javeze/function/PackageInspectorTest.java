package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageInspectorTest {
    private static final int EM_X86_64 = 0x3E;
    private static final int EM_AARCH64 = 0xB7;

    @TempDir
    Path dir;

    @Test
    void findsTheOnlyHandlerAndDigestsTheZipAsLambdaDoes() throws Exception {
        Path zip = TestPackages.hello(dir, "a");
        LambdaPackage pkg = PackageInspector.inspect(zip, "--zip");
        assertThat(pkg.handlers()).containsExactly("io.javeze.function.fixtures.HelloHandler::handleRequest");
        assertThat(pkg.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip))));
        assertThat(pkg.architecture()).isEqualTo("x86_64");
        assertThat(pkg.bootstrap()).isFalse();
    }

    @Test
    void bootstrapExecutableDecidesTheArchitecture() throws Exception {
        LambdaPackage arm = PackageInspector.inspect(TestPackages.bootstrap(dir, EM_AARCH64), "--zip");
        assertThat(arm.architecture()).isEqualTo("arm64");
        assertThat(arm.bootstrap()).isTrue();
        assertThat(PackageInspector.inspect(TestPackages.bootstrap(dir, EM_X86_64), "--zip").architecture()).isEqualTo("x86_64");
    }

    @Test
    void nativeLibraryInsideADependencyJarDecidesTheArchitecture() throws Exception {
        assertThat(PackageInspector.inspect(TestPackages.helloWithNativeJar(dir, EM_AARCH64), "--zip").architecture()).isEqualTo("arm64");
    }

    @Test
    void findsEveryHandlerWhenThereAreSeveral() throws Exception {
        assertThat(PackageInspector.inspect(TestPackages.twoHandlers(dir), "--zip").handlers()).containsExactly(
                "io.javeze.function.fixtures.HelloHandler::handleRequest",
                "io.javeze.function.fixtures.OtherHandler::handleRequest");
    }

    @Test
    void unreadableZipIsAUserErrorNamingTheFlag() throws Exception {
        Path notZip = Files.writeString(dir.resolve("broken.zip"), "not a zip");
        assertThatThrownBy(() -> PackageInspector.inspect(notZip, "--zip"))
                .isInstanceOf(JavezeException.class).hasMessageStartingWith("--zip: ").hasMessageContaining("broken.zip");
        assertThatThrownBy(() -> PackageInspector.inspect(dir.resolve("missing.zip"), "--zip"))
                .isInstanceOf(JavezeException.class).hasMessageStartingWith("--zip: cannot read");
    }
}
