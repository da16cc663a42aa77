package io.javeze.local.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.javeze.local.security.RoleSessions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs real JVMs with AWS's runtime interface client against the executor's Runtime API. */
class ProcessFunctionExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECHO = "io.javeze.local.exec.fixtures.Echo::handleRequest";

    @TempDir
    static Path dir;
    static Path zip;
    static ProcessFunctionExecutor executor;
    static final ConcurrentLinkedQueue<String> logs = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        zip = FixturePackages.fixtureZip(dir);
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work"), URI.create("http://127.0.0.1:4566"))
                .withMaxInstancesPerFunction(2);
        executor = new ProcessFunctionExecutor(settings,
                (function, stream, time, message) -> logs.add(function + "|" + stream + "|" + message));
    }

    @AfterAll
    static void stop() {
        executor.close();
    }

    private static FunctionRuntimeConfig echo(String name, int timeoutSeconds) throws IOException {
        return FixturePackages.config(name, "java21", ECHO, zip, timeoutSeconds, Map.of("GREETING", "hola"));
    }

    private static JsonNode call(FunctionRuntimeConfig function, String json) throws IOException {
        InvocationResult result = executor.invoke(function, json.getBytes(StandardCharsets.UTF_8), null);
        return JSON.readTree(result.payload());
    }

    @Test
    void runsTheHandlerWithLambdasEnvironmentAndReusesTheWarmInstance() throws IOException {
        FunctionRuntimeConfig plain = echo("echo-env", 10);
        RoleSessions.Credentials credentials = new RoleSessions().issue("arn:aws:iam::000000000000:role/echo-role", "echo-env");
        FunctionRuntimeConfig function = new FunctionRuntimeConfig(plain.functionName(), plain.functionArn(), plain.version(),
                plain.runtime(), plain.handler(), plain.codeZip(), plain.codeSha256(), plain.memoryMb(), plain.timeoutSeconds(),
                plain.environment(), plain.architecture(), plain.layerZips(), false, credentials);
        InvocationResult first = executor.invoke(function,
                "{\"env\":[\"AWS_LAMBDA_FUNCTION_NAME\",\"AWS_REGION\",\"AWS_ENDPOINT_URL\",\"GREETING\",\"_HANDLER\",\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\",\"AWS_LAMBDA_LOG_GROUP_NAME\",\"AWS_LAMBDA_LOG_STREAM_NAME\",\"AWS_ACCESS_KEY_ID\"]}"
                        .getBytes(StandardCharsets.UTF_8), "req-1");
        assertThat(first.failed()).as(new String(first.payload(), StandardCharsets.UTF_8)).isFalse();
        JsonNode body = JSON.readTree(first.payload());
        assertThat(body.path("requestId").asText()).isEqualTo("req-1");
        assertThat(body.path("functionArn").asText()).isEqualTo(function.functionArn());
        assertThat(body.path("remainingMillis").asLong()).isBetween(1L, 10_000L);
        assertThat(body.path("javaVersion").asInt()).isGreaterThanOrEqualTo(21);
        JsonNode env = body.path("env");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("echo-env");
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("eu-west-1");
        assertThat(env.path("AWS_ENDPOINT_URL").asText()).isEqualTo("http://127.0.0.1:4566");
        assertThat(env.path("GREETING").asText()).isEqualTo("hola");
        assertThat(env.path("_HANDLER").asText()).isEqualTo(ECHO);
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/echo-env");
        assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).as("the execution role's session").isEqualTo(credentials.accessKeyId());
        String stream = env.path("AWS_LAMBDA_LOG_STREAM_NAME").asText();
        assertThat(stream).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");

        assertThat(first.logTail()).contains("START RequestId: req-1 Version: $LATEST", "echo called with [env]",
                "END RequestId: req-1", "REPORT RequestId: req-1\tDuration: ", "Memory Size: 256 MB", "Init Duration: ");
        assertThat(logs).contains("echo-env|" + stream + "|echo called with [env]");

        InvocationResult second = executor.invoke(function, "{}".getBytes(StandardCharsets.UTF_8), "req-2");
        assertThat(JSON.readTree(second.payload()).path("instance").asText()).isEqualTo(body.path("instance").asText());
        assertThat(second.logTail()).contains("START RequestId: req-2").doesNotContain("req-1", "Init Duration");
    }

    @Test
    void concurrentRequestsStartAnotherInstanceAndEvictStopsThemAll() throws Exception {
        FunctionRuntimeConfig function = echo("echo-concurrent", 10);
        call(function, "{}"); // warm one instance first
        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> uncheckedCall(function, "{\"sleepMillis\":1500}"));
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> uncheckedCall(function, "{\"sleepMillis\":1500}"));
        assertThat(a.get().path("instance").asText()).isNotBlank().isNotEqualTo(b.get().path("instance").asText());
        assertThat(executor.instanceCount(function.functionArn())).isEqualTo(2);

        executor.evict(function.functionArn());
        assertThat(executor.instanceCount(function.functionArn())).isZero();
    }

    @Test
    void anInstanceOutlivesTheThreadThatStartedIt() throws Exception {
        // a sandbox dies with the thread that spawned it (--die-with-parent); request threads come and go
        FunctionRuntimeConfig function = echo("echo-thread", 10);
        CompletableFuture<JsonNode> first = new CompletableFuture<>();
        Thread starter = new Thread(() -> first.complete(uncheckedCall(function, "{}")));
        starter.start();
        starter.join();
        Thread.sleep(300);
        assertThat(call(function, "{}").path("instance").asText()).isEqualTo(first.get().path("instance").asText());
    }

    @Test
    void handlerExceptionComesBackInLambdasErrorShapeAndKeepsTheInstance() throws IOException {
        FunctionRuntimeConfig function = echo("echo-throws", 10);
        String before = call(function, "{}").path("instance").asText();
        InvocationResult result = executor.invoke(function, "{\"throw\":\"boom\"}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("boom");
        assertThat(error.path("stackTrace").isArray()).isTrue();
        assertThat(call(function, "{}").path("instance").asText()).isEqualTo(before);
    }

    @Test
    void timeoutKillsTheInstanceAndFailsAsLambdaDoes() throws IOException {
        FunctionRuntimeConfig function = echo("echo-timeout", 1);
        String before = call(function, "{}").path("instance").asText();
        InvocationResult result = executor.invoke(function, "{\"sleepMillis\":5000}".getBytes(StandardCharsets.UTF_8), "slow-1");
        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.path("errorMessage").asText()).isEqualTo("RequestId: slow-1 Error: Task timed out after 1.00 seconds");
        assertThat(result.durationMillis()).isLessThan(4_000);
        assertThat(call(function, "{}").path("instance").asText()).isNotEqualTo(before);
    }

    @Test
    void java17FunctionsRunOnAJdk17() throws IOException {
        FunctionRuntimeConfig function = FixturePackages.config("echo-17", "java17", ECHO, zip, 10, Map.of());
        assertThat(call(function, "{}").path("javaVersion").asInt()).isEqualTo(17);
    }

    @Test
    void aRuntimeThatExitsFailsTheInvocationWithExitError() throws IOException {
        InvocationResult result = executor.invoke(echo("echo-exit", 10), "{\"exit\":3}".getBytes(StandardCharsets.UTF_8), "exit-1");
        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("RequestId: exit-1 Error: Runtime exited with error: exit status 3");
    }

    @Test
    void aMissingHandlerClassIsReportedAsTheRuntimesInitError() throws IOException {
        FunctionRuntimeConfig function = FixturePackages.config("missing", "java21", "com.example.Nope::handleRequest", zip, 10, Map.of());
        InvocationResult result = executor.invoke(function, "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(error.path("errorMessage").asText()).contains("com.example.Nope");
    }

    @Test
    void aPackageThatIsNotAZipFailsWithInvalidZipFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.zip"), "this is not a zip");
        InvocationResult result = executor.invoke(FixturePackages.config("bad", "java21", ECHO, bad, 10, Map.of()),
                "{}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(result.payload()).path("errorType").asText()).isEqualTo("InvalidZipFileException");
    }

    @Test
    void aRuntimeWithoutALocalJdkFailsClearly() throws IOException {
        InvocationResult result = executor.invoke(FixturePackages.config("future", "java99", ECHO, zip, 10, Map.of()),
                "{}".getBytes(StandardCharsets.UTF_8), null);
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.InvalidRuntime");
        assertThat(error.path("errorMessage").asText()).contains("java99", "JAVEZE_JAVA99_HOME");
    }

    @Test
    void aCustomRuntimeRunsThePackagesBootstrap() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "the shell bootstrap needs curl");
        Path pkg = dir.resolve("provided.zip");
        String bootstrap = """
                #!/bin/sh
                while true; do
                  HEADERS=$(mktemp)
                  EVENT=$(curl -sS -D "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
                  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')
                  echo "shell got $ID"
                  curl -sS -o /dev/null -X POST -d "{\\"shell\\":$EVENT,\\"fn\\":\\"$AWS_LAMBDA_FUNCTION_NAME\\"}" \\
                    "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$ID/response"
                done
                """;
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(pkg)) {
            var entry = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("bootstrap");
            entry.setUnixMode(0100755);
            out.putArchiveEntry(entry);
            out.write(bootstrap.getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        FunctionRuntimeConfig function = FixturePackages.config("shell", "provided.al2023", "unused", pkg, 10, Map.of());
        InvocationResult result = executor.invoke(function, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "sh-1");
        assertThat(result.failed()).as(new String(result.payload(), StandardCharsets.UTF_8)).isFalse();
        assertThat(JSON.readTree(result.payload())).isEqualTo(JSON.readTree("{\"shell\":{\"n\":1},\"fn\":\"shell\"}"));
        assertThat(result.logTail()).contains("shell got sh-1");
    }

    @Test
    void layersJavaLibJarsAreOnTheFunctionsClassPath() throws IOException {
        Path jar = dir.resolve("greeting.jar");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(jar)) {
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("greeting.txt"));
            out.write("from the layer".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        Path layer = dir.resolve("layer.zip");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(layer)) {
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("java/lib/greeting.jar"));
            out.write(Files.readAllBytes(jar));
            out.closeArchiveEntry();
        }
        FunctionRuntimeConfig base = echo("echo-layer", 10);
        FunctionRuntimeConfig function = new FunctionRuntimeConfig(base.functionName(), base.functionArn(), base.version(),
                base.runtime(), base.handler(), base.codeZip(), base.codeSha256(), base.memoryMb(), base.timeoutSeconds(),
                base.environment(), base.architecture(), List.of(layer));
        assertThat(call(function, "{\"resource\":\"greeting.txt\"}").path("resource").asText()).isEqualTo("from the layer");
    }

    /** On Lambda the task root (and its lib/) comes before /opt/java/lib: a resource in both is the function's own. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = IsolationMode.class, names = {"AUTO", "NONE"})
    void theFunctionsOwnFilesComeBeforeItsLayersJars(IsolationMode isolation) throws IOException {
        Path own = dir.resolve("own-" + isolation + ".zip");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(own);
             var in = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            for (var e : java.util.Collections.list(in.getEntries())) {
                out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeArchiveEntry();
            }
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("shadowed.txt"));
            out.write("from the function".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        Path jar = dir.resolve("shadow-" + isolation + ".jar");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(jar)) {
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("shadowed.txt"));
            out.write("from the layer".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        Path layer = dir.resolve("shadow-layer-" + isolation + ".zip");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(layer)) {
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("java/lib/shadow.jar"));
            out.write(Files.readAllBytes(jar));
            out.closeArchiveEntry();
        }
        FunctionRuntimeConfig base = FixturePackages.config("echo-order-" + isolation.name().toLowerCase(), "java21", ECHO, own, 10, Map.of());
        FunctionRuntimeConfig function = new FunctionRuntimeConfig(base.functionName(), base.functionArn(), base.version(),
                base.runtime(), base.handler(), base.codeZip(), base.codeSha256(), base.memoryMb(), base.timeoutSeconds(),
                base.environment(), base.architecture(), List.of(layer));
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work-order-" + isolation), URI.create("http://127.0.0.1:4566"))
                .withIsolation(isolation);
        try (ProcessFunctionExecutor run = new ProcessFunctionExecutor(settings, (f, s, t, m) -> {})) {
            InvocationResult result = run.invoke(function, "{\"resource\":\"shadowed.txt\"}".getBytes(StandardCharsets.UTF_8), null);
            assertThat(JSON.readTree(result.payload()).path("resource").asText()).as(new String(result.payload(), StandardCharsets.UTF_8))
                    .isEqualTo("from the function");
        }
    }

    @Test
    void aPrestartedInstanceServesTheFirstRequestAndAnUpdateNeverServesTheOldCode() throws Exception {
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work-prestart"), URI.create("http://127.0.0.1:4566"))
                .withMaxInstancesPerFunction(2);
        try (ProcessFunctionExecutor pre = new ProcessFunctionExecutor(settings, (f, s, t, m) -> {})) {
            FunctionRuntimeConfig v1 = echo("echo-pre", 10);
            java.util.concurrent.atomic.AtomicReference<FunctionRuntimeConfig> current = new java.util.concurrent.atomic.AtomicReference<>(v1);
            pre.prestart(current::get);
            pre.prestart(current::get); // the function has one already: no second
            awaitInstances(pre, v1, 1);
            JsonNode first = JSON.readTree(pre.invoke(v1, "{\"env\":[\"GREETING\"]}".getBytes(StandardCharsets.UTF_8), null).payload());
            assertThat(first.toString()).contains("hola");
            assertThat(pre.instanceCount(v1.functionArn())).as("the request took the pre-started instance").isEqualTo(1);

            // an update, as the Lambda service makes it: the old instances go, then the new configuration is pre-started
            FunctionRuntimeConfig v2 = FixturePackages.config("echo-pre", "java21", ECHO, zip, 10, Map.of("GREETING", "adios"));
            current.set(v2);
            pre.evict(v1.functionArn());
            pre.prestart(current::get);
            awaitInstances(pre, v2, 1);
            JsonNode second = JSON.readTree(pre.invoke(v2, "{\"env\":[\"GREETING\"]}".getBytes(StandardCharsets.UTF_8), null).payload());
            assertThat(second.toString()).contains("adios").doesNotContain("hola");
            assertThat(second.path("instance").asText()).isNotEqualTo(first.path("instance").asText());
            assertThat(pre.instanceCount(v2.functionArn())).isEqualTo(1);
        }
    }

    private static void awaitInstances(ProcessFunctionExecutor executor, FunctionRuntimeConfig function, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (executor.instanceCount(function.functionArn()) != count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(executor.instanceCount(function.functionArn())).isEqualTo(count);
    }

    @Test
    void idleInstancesAreStopped() throws Exception {
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work-idle"), URI.create("http://127.0.0.1:4566"))
                .withIdleTimeout(Duration.ofMillis(200));
        try (ProcessFunctionExecutor idle = new ProcessFunctionExecutor(settings, (f, s, t, m) -> {})) {
            FunctionRuntimeConfig function = echo("echo-idle", 10);
            assertThat(idle.invoke(function, "{}".getBytes(StandardCharsets.UTF_8), null).failed()).isFalse();
            long deadline = System.currentTimeMillis() + 10_000;
            while (idle.instanceCount(function.functionArn()) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(idle.instanceCount(function.functionArn())).isZero();
            // stopped with SIGTERM, the JVM wrote the class data archive that speeds up the next cold start
            Path cds = dir.resolve("work-idle/cds");
            while (!hasArchive(cds) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hasArchive(cds)).isTrue();
            assertThat(JSON.readTree(idle.invoke(function, "{}".getBytes(StandardCharsets.UTF_8), null).payload())
                    .path("instance").asText()).isNotBlank();
        }
    }

    @Test
    void closeWaitsForIdleInstancesToExitAndPublishTheirArchive() throws Exception {
        ExecutorSettings settings = ExecutorSettings.defaults(dir.resolve("work-close"), URI.create("http://127.0.0.1:4566"));
        ProcessFunctionExecutor closing = new ProcessFunctionExecutor(settings, (f, s, t, m) -> {});
        assertThat(closing.invoke(echo("echo-close", 10), "{}".getBytes(StandardCharsets.UTF_8), null).failed()).isFalse();
        closing.close();
        assertThat(hasArchive(dir.resolve("work-close/cds"))).as("the idle instance exited cleanly before close returned").isTrue();
    }

    private static boolean hasArchive(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    private static JsonNode uncheckedCall(FunctionRuntimeConfig function, String json) {
        try {
            return call(function, json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
