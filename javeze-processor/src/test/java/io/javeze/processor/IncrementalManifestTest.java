package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.ManifestStore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental compile (IDE, javeze dev) gives javac only the changed sources, with the earlier classes on the class
 * path. The manifest must still describe the whole app, exactly as a full compile of the same sources does.
 */
class IncrementalManifestTest {
    @TempDir
    Path project;

    @BeforeEach
    void fullCompile() throws IOException {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        write(project, "com/example/Users.java", ManifestTest.USERS);
        write(project, "com/example/events/Events.java", ManifestTest.EVENTS);
        javac(project, "com/example/Users.java", "com/example/events/Events.java");
        assertThat(functions(project)).containsExactly("create-user", "get-user", "on-user-event", "token");
    }

    @Test
    void compilingOneClassKeepsTheFunctionsOfTheOthers() throws IOException {
        String full = Files.readString(ManifestStore.path(project));
        javac(project, "com/example/events/Events.java");
        assertThat(Files.readString(ManifestStore.path(project))).isEqualTo(full);
        javac(project, "com/example/Users.java");
        assertThat(Files.readString(ManifestStore.path(project))).isEqualTo(full);
    }

    @Test
    void removingAnAnnotationInAnIncrementalCompileRemovesJustThatFunction(@TempDir Path fresh) throws IOException {
        String edited = ManifestTest.USERS.replace("@Route(method = \"GET\", path = \"/users/{id}\", auth = true, memorySize = 1024)", "")
                .replace("@AuthContext(\"user\") String caller", "String caller");
        write(project, "com/example/Users.java", edited);
        javac(project, "com/example/Users.java");
        assertThat(functions(project)).containsExactly("create-user", "on-user-event", "token");
        assertThat(ManifestStore.read(project).topics()).filteredOn(t -> t.name().equals("user-events")).singleElement()
                .satisfies(t -> assertThat(t.subscribers()).extracting(s -> s.function()).containsExactly("on-user-event"));

        Files.writeString(fresh.resolve("javeze.toml"), "service_name = \"shop\"\n");
        write(fresh, "com/example/Users.java", edited);
        write(fresh, "com/example/events/Events.java", ManifestTest.EVENTS);
        javac(fresh, "com/example/Users.java", "com/example/events/Events.java");
        assertThat(Files.readString(ManifestStore.path(project))).isEqualTo(Files.readString(ManifestStore.path(fresh)));
    }

    @Test
    void aRemovedClassDropsOut() throws IOException {
        Files.delete(project.resolve("src/com/example/events/Events.java"));
        try (Stream<Path> files = Files.walk(project.resolve("classes/com/example/events"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) Files.delete(file);
        }
        javac(project, "com/example/Users.java");
        assertThat(functions(project)).containsExactly("create-user", "get-user", "token");
        assertThat(ManifestStore.read(project).topics()).allSatisfy(t -> assertThat(t.subscribers()).isEmpty());
    }

    private static List<String> functions(Path project) {
        return ManifestStore.read(project).functions().stream().map(FunctionSpec::name).toList();
    }

    private static void write(Path project, String path, String source) throws IOException {
        Path file = project.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }

    /** javac over some of the project's sources, with its class output on the class path as an IDE has it. */
    private static void javac(Path project, String... sources) throws IOException {
        Path classes = Files.createDirectories(project.resolve("classes"));
        Path generated = Files.createDirectories(project.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<Path> paths = new ArrayList<>();
            for (String source : sources) paths.add(project.resolve("src").resolve(source));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-s", generated.toString(), "-parameters", "-Ajaveze.projectDir=" + project,
                            "-classpath", classes + File.pathSeparator + System.getProperty("java.class.path")),
                    null, files.getJavaFileObjectsFromPaths(paths));
            task.setProcessors(List.of(new JavezeProcessor()));
            assertThat(task.call()).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
    }
}
