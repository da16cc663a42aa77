package io.javeze.local.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkLocatorTest {

    @TempDir
    Path jvms;

    private Path jdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }

    @Test
    void mapsRuntimesToJdks() throws Exception {
        Path jdk17 = jdk("jdk-17", "17.0.9");
        Path jdk21 = jdk("jdk-21", "21.0.2");
        Path jdk25 = jdk("jdk-25", "25.0.1");
        JdkLocator locator = new JdkLocator(Map.of(), List.of(jvms));
        assertThat(locator.locate(17).home()).isEqualTo(jdk17);
        assertThat(locator.locate(21).home()).isEqualTo(jdk25); // the newest at least 21
        assertThat(locator.locate(25).home()).isEqualTo(jdk25);
        assertThat(jdk21).exists();
        assertThatThrownBy(() -> locator.locate(26)).hasMessageContaining("JAVEZE_JAVA26_HOME");
    }

    @Test
    void anEnvironmentVariableOverridesTheSearch() throws Exception {
        Path custom = jdk("custom", "21.0.5");
        jdk("jdk-25", "25.0.1");
        JdkLocator locator = new JdkLocator(Map.of("JAVEZE_JAVA21_HOME", custom.toString()), List.of(jvms));
        assertThat(locator.locate(21).home()).isEqualTo(custom);
        JdkLocator broken = new JdkLocator(Map.of("JAVEZE_JAVA21_HOME", jvms.resolve("missing").toString()), List.of(jvms));
        assertThatThrownBy(() -> broken.locate(21)).hasMessageContaining("JAVEZE_JAVA21_HOME").hasMessageContaining("bin/java");
    }

    @Test
    void recognisesJavaRuntimeNames() {
        assertThat(JdkLocator.javaVersion("java21")).isEqualTo(Optional.of(21));
        assertThat(JdkLocator.javaVersion("java8.al2")).isEqualTo(Optional.of(8));
        assertThat(JdkLocator.javaVersion("provided.al2023")).isEmpty();
        assertThat(JdkLocator.javaVersion(null)).isEmpty();
    }
}
