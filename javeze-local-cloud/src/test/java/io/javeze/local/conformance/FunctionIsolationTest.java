package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FixturePackages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A deployed probe function (a real JVM) tries to reach what a function on Lambda cannot: the local cloud's state,
 * another function's code, the user's files, and writes outside /tmp. The data directory is created under
 * {@code target/}, not /tmp, so that the sandbox's private /tmp alone does not hide it.
 */
class FunctionIsolationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LAMBDA_PATH = "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin";

    static Path root;
    static Path dataDir;
    static Path home;
    static LocalCloud cloud;
    static AwsClients aws;
    static Path victimCode;

    @BeforeAll
    static void deploy() throws Exception {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "isolation-").toAbsolutePath();
        dataDir = root.resolve("cloud");
        home = Files.createDirectories(root.resolve("home"));
        Files.writeString(home.resolve("secret.txt"), "the user's file");
        // a data directory left by an older version, world-readable
        Files.createDirectories(dataDir.resolve("old"));
        Files.writeString(dataDir.resolve("old/loose.json"), "{}");
        Files.setPosixFilePermissions(dataDir.resolve("old"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("old/loose.json"), PosixFilePermissions.fromString("rw-r--r--"));

        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dataDir).withDelays(new StateDelays(50, 50)));
        aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 4);
        String role = aws.iam().createRole(r -> r.roleName("probe").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
        byte[] probeZip = Files.readAllBytes(FixturePackages.fixtureZip(Files.createDirectories(root.resolve("probe"))));
        byte[] victimZip = withEntry(probeZip, "victim.txt", "another function's code");
        deploy(role, "probe", probeZip, Map.of("PROBE_VAR", "probe-value"));
        deploy(role, "victim", victimZip, Map.of("VICTIM_TOKEN", "victim-secret"));
        assertThat(invoke("victim", "{}").path("read").isObject()).isTrue(); // unpacks the victim's code
        victimCode = dataDir.resolve("runtime/code")
                .resolve(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(victimZip)))
                .resolve("victim.txt");
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        deleteTree(root);
    }

    @Test
    void aSandboxedFunctionSeesNoHostFilesAndWritesOnlyTmp() throws Exception {
        assumeTrue(cloud.isolation().sandboxed(), () -> "skipped: functions are not sandboxed here: " + cloud.isolation().reason());
        List<String> forbiddenReads = List.of(dataDir.resolve("state/journal-00000000.log").toString(), // every function's environment
                dataDir.resolve("runtime/code").toString(), victimCode.toString(), home.resolve("secret.txt").toString(),
                dataDir.toString());
        forbiddenReads.forEach(p -> assertThat(Path.of(p)).as("exists on the host").exists());
        List<String> forbiddenWrites = List.of("/var/task/written.txt", "/opt/written.txt", "/written.txt", "/usr/written.txt",
                dataDir.resolve("written.txt").toString(), home.resolve("written.txt").toString());

        String tmp = "/tmp/written-by-" + root.getFileName();
        JsonNode result = invoke("probe", JSON.writeValueAsString(Map.of("read", forbiddenReads,
                "write", concat(forbiddenWrites, tmp))));

        forbiddenReads.forEach(p -> assertThat(result.path("read").path(p).asText()).as("read " + p).isNotEqualTo("ok")
                .isNotEmpty());
        forbiddenWrites.forEach(p -> assertThat(result.path("write").path(p).asText()).as("write " + p).isNotEqualTo("ok")
                .isNotEmpty());
        assertThat(result.path("write").path(tmp).asText()).isEqualTo("ok");
        assertThat(dataDir.resolve("written.txt")).doesNotExist();
        assertThat(home.resolve("written.txt")).doesNotExist();
        assertThat(Path.of(tmp)).as("the function's /tmp is its own").doesNotExist();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.endpoint() + "/_javeze/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(health.body()).path("isolation").asText()).startsWith("bubblewrap ");
    }

    @Test
    void theFunctionSeesLambdasEnvironmentAndItsOwnVariablesOnly() throws Exception {
        JsonNode env = invoke("probe", "{\"env\":true}").path("env");
        assertThat(env.path("PROBE_VAR").asText()).isEqualTo("probe-value");
        assertThat(env.path("PATH").asText()).isEqualTo(LAMBDA_PATH);
        assertThat(env.has("HOME")).as("the host's HOME").isFalse();
        assertThat(env.has("VICTIM_TOKEN")).isFalse();
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("probe");
        List<String> names = new ArrayList<>();
        env.fieldNames().forEachRemaining(names::add);
        assertThat(names).allSatisfy(name -> assertThat(name).matches(
                "AWS_.*|_HANDLER|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|PATH|LD_LIBRARY_PATH|LANG|TZ|PWD|PROBE_VAR"));
        if (cloud.isolation().sandboxed()) {
            assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo("/var/task");
            assertThat(env.path("LAMBDA_RUNTIME_DIR").asText()).isEqualTo("/var/runtime");
            assertThat(env.path("PWD").asText()).isEqualTo("/var/task"); // set by the sandbox's chdir
        }
    }

    @Test
    void theDataDirectoryIsReadableOnlyByTheUser() throws Exception {
        invoke("probe", "{}");
        Set<String> privateFile = Set.of("rw-------", "rwx------");
        List<String> loose = new ArrayList<>();
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                check(dir, Set.of("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    check(file, privateFile);
                }
                return FileVisitResult.CONTINUE;
            }

            private void check(Path path, Set<String> allowed) throws IOException {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                if (!allowed.contains(perms)) {
                    loose.add(dataDir.relativize(path) + " " + perms);
                }
            }
        });
        assertThat(loose).isEmpty();
        assertThat(victimCode).exists(); // unpacked code was among what was checked
        assertThat(dataDir.resolve("state/journal-00000000.log")).content().contains("victim-secret"); // and the variables
    }

    private static void deploy(String role, String name, byte[] zip, Map<String, String> variables) {
        aws.lambda().createFunction(r -> r.functionName(name).role(role).runtime(Runtime.JAVA21)
                .handler("io.javeze.local.exec.fixtures.Probe::handleRequest").timeout(30)
                .environment(e -> e.variables(variables)).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private static JsonNode invoke(String function, String payload) throws IOException {
        var out = aws.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(out.functionError()).as(out.payload().asUtf8String()).isNull();
        return JSON.readTree(out.payload().asUtf8String());
    }

    private static byte[] withEntry(byte[] zip, String name, String content) throws IOException {
        Path in = Files.write(root.resolve("in.zip"), zip);
        Path out = root.resolve("out.zip");
        try (ZipFile source = ZipFile.builder().setPath(in).get(); ZipArchiveOutputStream target = new ZipArchiveOutputStream(out)) {
            source.copyRawEntries(target, entry -> true);
            target.putArchiveEntry(new ZipArchiveEntry(name));
            target.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            target.closeArchiveEntry();
        }
        return Files.readAllBytes(out);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> all = new ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }
}
