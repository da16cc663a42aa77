package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local cloud per data directory, and a start that fails gives back everything it took. */
class DataDirLockTest {
    @TempDir
    Path dir;

    static LocalCloudOptions options(Path dataDir, int port) {
        return LocalCloudOptions.defaults().withPort(port).withDataDir(dataDir).withExecutor((endpoint, logs) -> new FakeExecutor(logs));
    }

    @Test
    void aSecondCloudOnTheSameDirectoryRefusesNamingTheRunningOne() {
        try (CloudFixture first = new CloudFixture(dir)) {
            assertThatThrownBy(() -> LocalCloud.start(options(dir, 0)))
                    .isInstanceOf(JavezeException.class)
                    .hasMessageContaining("another local cloud is using this data directory")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining(first.endpoint().toString());
        }
        LocalCloud.start(options(dir, 0)).close(); // released on close
    }

    @Test
    void aStartThatFailsReleasesThePortAndTheLock() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve("s3.json"), "{ not json");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> LocalCloud.start(options(dir, port))).isInstanceOf(JavezeException.class)
                .hasMessageContaining("s3.json");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the failed start closed its socket").isEqualTo(port);
        }
        Files.delete(dir.resolve("state").resolve("s3.json"));
        LocalCloud.start(options(dir, 0)).close(); // and released the lock
    }
}
