package io.javeze.deploy.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.build.PackageIndex;
import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesTest {
    @TempDir
    Path project;

    private void index(String json) throws Exception {
        Files.createDirectories(PackageIndex.directory(project));
        Files.writeString(PackageIndex.path(project), json);
    }

    @Test
    void readsTheBuildersIndex() throws Exception {
        index("""
                {"hello": {"file": "hello.zip", "sha256": "ab12", "codeSha256": "qxI=", "size": 1234, "architecture": "arm64"}}
                """);
        Files.write(PackageIndex.directory(project).resolve("hello.zip"), new byte[] {1});
        PackageEntry e = Packages.read(project).require("hello");
        assertThat(e.file()).isEqualTo(PackageIndex.directory(project).resolve("hello.zip"));
        assertThat(e.sha256()).isEqualTo("ab12");
        assertThat(e.codeSha256()).isEqualTo("qxI=");
        assertThat(e.size()).isEqualTo(1234);
        assertThat(e.architecture()).isEqualTo("arm64");
    }

    @Test
    void missingIndexFunctionOrZipAreOneLineErrorsSayingWhatToRun() throws Exception {
        assertThatThrownBy(() -> Packages.read(project)).isInstanceOf(JavezeException.class)
                .hasMessageContaining("index.json").hasMessageContaining("run `javeze build` first");
        index("{\"hello\": {\"file\": \"hello.zip\", \"sha256\": \"ab\", \"codeSha256\": \"q=\", \"size\": 1}}");
        Packages index = Packages.read(project);
        assertThatThrownBy(() -> index.require("other")).hasMessageContaining("no package for function \"other\"");
        assertThatThrownBy(() -> index.require("hello")).hasMessageContaining("hello.zip").hasMessageContaining("is missing");
        index("{\"hello\": {\"file\": \"hello.zip\", \"size\": 1}}");
        assertThatThrownBy(() -> Packages.read(project).require("hello")).hasMessageContaining("has no file, sha256 or codeSha256");
    }
}
