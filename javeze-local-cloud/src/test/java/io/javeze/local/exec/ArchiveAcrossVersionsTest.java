package io.javeze.local.exec;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The class data archive is shared by a function's versions with the same layers (an edit in {@code javeze dev} makes
 * a new version whose JVM maps it), never by another layer, and a version with changed classes still runs its own.
 */
class ArchiveAcrossVersionsTest {

    private static final String HANDLER = "example.Greeter::handle";

    @TempDir
    Path dir;

    private static final java.util.Queue<String> LOGS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Test
    void aNewVersionMapsTheArchiveOfAnEarlierOneAndStillRunsItsOwnClassesWhileAnotherLayerRecordsItsOwn() throws Exception {
        Path layerA = layer("a.txt");
        Path layerB = layer("b.txt");
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work"), URI.create("http://127.0.0.1:4566"))
                .withIdleTimeout(Duration.ofMillis(300)).withPrestart(false);
        Path cds = dir.resolve("work/cds");
        try (ProcessFunctionExecutor executor = new ProcessFunctionExecutor(settings, (f, s, t, m) -> LOGS.add(m))) {
            // unsandboxed, a function with layers has its unpacked package on the class path: one archive per code
            assumeTrue(executor.isolation().sandboxed(), "needs the sandbox: " + executor.isolation().reason());
            assertThat(answer(executor, version("1", greeter("v1"), layerA))).isEqualTo("\"v1\"");
            assertThat(files(cds, ".tmp")).as("version 1's JVM records").isEqualTo(1);
            awaitArchives(executor, cds, 1); // published when it stopped

            FunctionRuntimeConfig v2 = version("2", greeter("v2"), layerA);
            assertThat(answer(executor, v2)).as("the archived Greeter is version 1's: version 2 runs its own").isEqualTo("\"v2\"");
            assertThat(files(cds, ".tmp")).as("version 2's JVM maps the archive instead of recording").isZero();
            awaitArchives(executor, cds, 1);

            assertThat(answer(executor, version("3", greeter("v3"), layerB))).isEqualTo("\"v3\"");
            assertThat(files(cds, ".tmp")).as("another layer records its own").isEqualTo(1);
            awaitArchives(executor, cds, 2);
        }
    }

    private static String answer(ProcessFunctionExecutor executor, FunctionRuntimeConfig function) {
        InvocationResult result = executor.invoke(function, "{}".getBytes(StandardCharsets.UTF_8), null);
        String payload = new String(result.payload(), StandardCharsets.UTF_8);
        assertThat(result.failed()).as(payload).isFalse();
        return payload;
    }

    private FunctionRuntimeConfig version(String version, Path zip, Path layer) throws IOException {
        return new FunctionRuntimeConfig("greeter", "arn:aws:lambda:eu-west-1:000000000000:function:greeter", version,
                "java21", HANDLER, zip, FixturePackages.sha256(zip), 256, 10, Map.of(), "x86_64", List.of(layer));
    }

    /** A package whose handler answers {@code text}: the same class, other bytes per text. */
    private Path greeter(String text) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + text + "/example"));
        Files.writeString(src.resolve("Greeter.java"), """
                package example;
                public class Greeter {
                    public String handle(java.util.Map<String, Object> input) {
                        return "%s";
                    }
                }
                """.formatted(text));
        Path classes = dir.resolve("classes-" + text);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                src.resolve("Greeter.java").toString());
        assertThat(status).isZero();
        Path zip = dir.resolve("greeter-" + text + ".zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new ZipArchiveEntry("example/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("example/Greeter.class")));
            out.closeArchiveEntry();
        }
        return zip;
    }

    private Path layer(String file) throws IOException {
        Path zip = dir.resolve("layer-" + file + ".zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new ZipArchiveEntry(file));
            out.write(file.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return zip;
    }

    /** Waits until the instances stopped (idle) and exactly {@code count} archives are published. */
    private static void awaitArchives(ProcessFunctionExecutor executor, Path cds, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        String arn = "arn:aws:lambda:eu-west-1:000000000000:function:greeter";
        while ((executor.instanceCount(arn) > 0 || archives(cds) < count) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(archives(cds)).as(String.join("\n", LOGS)).isEqualTo(count);
    }

    private static long archives(Path cds) throws IOException {
        return files(cds, ".jsa");
    }

    private static long files(Path cds, String suffix) throws IOException {
        if (!Files.isDirectory(cds)) {
            return 0;
        }
        try (var files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
