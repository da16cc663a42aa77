package io.javeze.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.build.PackageIndex;
import io.javeze.cli.CliRun;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javeze build} and {@code codegen} on a small Maven project through real Maven. The project has no annotation
 * processor, so its manifest and "generated" handler are written by hand: this exercises the CLI, Maven and the
 * packager independently of the processor (ExampleBuildTest covers the whole chain).
 */
class BuildCommandTest {
    @TempDir
    Path project;

    private static final String POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>test</groupId>
              <artifactId>demo</artifactId>
              <version>1</version>
              <properties>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <maven.compiler.release>17</maven.compiler.release>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>com.amazonaws</groupId>
                  <artifactId>aws-lambda-java-core</artifactId>
                  <version>1.4.0</version>
                </dependency>
                <dependency>
                  <groupId>info.picocli</groupId>
                  <artifactId>picocli</artifactId>
                  <version>4.7.7</version>
                  <scope>provided</scope>
                </dependency>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter-api</artifactId>
                  <version>5.14.4</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>3.14.0</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    private void writeProject() throws IOException {
        Files.writeString(project.resolve("pom.xml"), POM);
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"demo\"\n");
        source("demo/HelloHandler.java", "package demo; public class HelloHandler { public String handleRequest(String in) { return Logic.greet(in); } }");
        source("demo/Logic.java", "package demo; class Logic { static String greet(String w) { return \"Hello, \" + w + \"!\"; } }");
        source("demo/Unused.java", "package demo; class Unused {}");
        Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(project.resolve("src/main/resources/greeting.txt"), "hi");
        ManifestStore.write(project, new Manifest(1, "demo", List.of(new FunctionSpec("hello", "demo-hello", FunctionKind.ROUTE,
                "demo.HelloHandler::handleRequest", "demo.Logic#greet", null, null, List.of())), null, null, null, null, null));
    }

    private void source(String path, String code) throws IOException {
        Path file = project.resolve("src/main/java").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
    }

    private CliRun build(String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "--project", project.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void buildsOnlyWhatIsNeededAndSkipsMavenWhenNothingChanged() throws Exception {
        writeProject();

        CliRun first = build();

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("compiling", "hello", "built", "1 packages (1 built, 0 unchanged)");
        Path zip = project.resolve(".javeze/packages/hello.zip");
        assertThat(entries(zip)).as("the jars are in the dependency layer").containsExactly("demo/HelloHandler.class",
                "demo/Logic.class", "greeting.txt");
        PackageIndex.Layer layer = PackageIndex.readLayers(project).get(PackageIndex.read(project).get("hello").layer());
        assertThat(entries(layer.path(project))).containsExactly("java/lib/aws-lambda-java-core-1.4.0.jar");
        byte[] firstBytes = Files.readAllBytes(zip);

        CliRun second = build("--output", "json");

        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode result = ManifestStore.json().readTree(second.out());
        assertThat(result.get("compiled").asBoolean()).isFalse();
        JsonNode hello = result.get("packages").get(0);
        assertThat(hello.get("function").asText()).isEqualTo("hello");
        assertThat(hello.get("changed").asBoolean()).isFalse();
        assertThat(hello.get("size").asLong()).isEqualTo(firstBytes.length);
        assertThat(hello.get("codeSha256").asText()).isEqualTo(PackageIndex.read(project).get("hello").codeSha256());
        assertThat(Files.readAllBytes(zip)).isEqualTo(firstBytes);

        // the no-op build: decided by the stamp of the last build's inputs and outputs, and it writes nothing at all
        java.util.Map<Path, java.nio.file.attribute.FileTime> times = new java.util.TreeMap<>();
        try (var files = Files.walk(project.resolve(".javeze"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) times.put(f, Files.getLastModifiedTime(f));
        }
        CliRun third = build("--verbose");

        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(third.out()).contains("every input and package is as the last build recorded", "1 packages (0 built, 1 unchanged)")
                .doesNotContain("packaging hello");
        try (var files = Files.walk(project.resolve(".javeze"))) {
            java.util.Map<Path, java.nio.file.attribute.FileTime> after = new java.util.TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) after.put(f, Files.getLastModifiedTime(f));
            assertThat(after).isEqualTo(times);
        }
    }

    @Test
    void codegenShowsCompileErrorsAsFileLineMessagesThenOneErrorLine() throws Exception {
        writeProject();
        source("demo/Broken.java", "package demo;\nclass Broken {\n  int x() {\n    return \"no\";\n  }\n}\n");

        CliRun run = CliRun.of("codegen", "--project", project.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        Path broken = project.resolve("src/main/java/demo/Broken.java");
        assertThat(run.err()).contains(broken + ":4:").contains("error: incompatible types");
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("error: compilation of " + project + " failed with 1 error (shown above)");
        assertThat(project.resolve(".javeze/packages")).doesNotExist();
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<String> names = new ArrayList<>();
            for (ZipArchiveEntry e : Collections.list(file.getEntriesInPhysicalOrder())) names.add(e.getName());
            return names;
        }
    }
}
