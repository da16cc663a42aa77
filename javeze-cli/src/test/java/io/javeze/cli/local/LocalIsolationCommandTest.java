package io.javeze.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.cli.CliRun;
import io.javeze.local.daemon.LocalCloudDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `javeze local status` tells how functions are isolated; `--isolation` takes only the known modes. */
class LocalIsolationCommandTest {
    @TempDir
    Path dir;

    @Test
    void statusShowsTheIsolationOfTheRunningLocalCloud() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            LocalCloudDaemon.ensureRunning(dir, 0, List.of("--isolation", "none"));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            CliRun run = CliRun.of("local", "status", "--data-dir", dir.toString());
            assertThat(run.exitCode()).isZero();
        } finally {
            System.setOut(stdout);
            LocalCloudDaemon.stop(dir);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains(
                "isolation: none - functions run as " + System.getProperty("user.name") + " and can read and write your files"
                        + " (disabled with --isolation none)");
    }

    @Test
    void anUnknownIsolationModeIsRefusedNamingTheFlag() {
        CliRun run = CliRun.of("local", "start", "--data-dir", dir.toString(), "--isolation", "sideways");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: --isolation: unknown isolation 'sideways' (auto, bubblewrap or none)\n");
    }
}
