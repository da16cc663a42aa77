package io.javeze.build.maven;

import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives Maven in the user's project, the way cargo-lambda drives cargo: {@code compile} runs the javeze annotation
 * processor (validation, handler generation, manifest), {@code dependency:build-classpath} lists the jars to package.
 * Maven is {@code $JAVEZE_MAVEN}, else the project's {@code mvnw}, else {@code mvn} on the PATH.
 */
public final class MavenProject {
    /** Where Maven puts compiled classes in a standard project. */
    public static final String CLASSES = "target/classes";
    static final String CLASSPATH_FILE = "classpath.txt";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final long TIMEOUT_MINUTES = 30;
    /** {@code [ERROR] /abs/File.java:[12,5] message}, as maven-compiler-plugin reports javac errors. */
    private static final Pattern COMPILER_ERROR = Pattern.compile("\\[ERROR\\] (\\S.*\\.java):\\[(\\d+)(?:,(\\d+))?\\] (.*)");

    private static final Pattern MAVEN_BOILERPLATE = Pattern.compile(
            "\\[ERROR\\] *(->.*|Re-run Maven.*|To see the full.*|For more information.*|\\[Help \\d+\\].*)?");

    private final Path projectDir;
    private final boolean offline;
    private final boolean verbose;
    private final Consumer<String> log;

    /**
     * @param offline pass {@code -o}: resolve from the local repository only
     * @param verbose show all of Maven's output as it runs
     * @param log     where Maven's output (when verbose) and compiler errors go
     */
    public MavenProject(Path projectDir, boolean offline, boolean verbose, Consumer<String> log) {
        this.projectDir = projectDir;
        this.offline = offline;
        this.verbose = verbose;
        this.log = log;
    }

    public Path classesDir() {
        return projectDir.resolve(CLASSES);
    }

    /** Compiles the project, which makes the processor validate the handlers and write the manifest. */
    public void compile() {
        run(List.of("compile"), "compile");
    }

    /** Compiles and returns the runtime classpath (compile + runtime scope jars; no test, provided or processor jars). */
    public List<Path> compileAndResolveRuntimeClasspath() {
        Path stored = classpathFile();
        Path fresh = stored.resolveSibling("." + CLASSPATH_FILE + ".maven");
        try {
            Files.createDirectories(fresh.getParent());
        } catch (IOException e) {
            throw new JavezeException(fresh.getParent() + ": cannot create: " + e.getMessage(), e);
        }
        run(List.of("compile", DEPENDENCY_PLUGIN + ":build-classpath", "-DincludeScope=runtime",
                "-Dmdep.outputFile=" + fresh.toAbsolutePath()), "compile");
        try {
            String classpath = Files.readString(fresh).trim();
            AtomicFiles.writeReadable(stored, classpath + "\n");
            Files.deleteIfExists(fresh);
            return parse(classpath);
        } catch (IOException e) {
            throw new JavezeException(fresh + ": Maven wrote no classpath: " + e.getMessage(), e);
        }
    }

    /**
     * What {@code mvn compile} hands javac, for compiling in-process afterwards (javeze dev): runs
     * {@code dependency:build-classpath} and {@code compile} once with Maven's debug output, which lists the
     * compiler's command line (classpath, processor path, release, flags). The compiler's incremental state is
     * removed first so that Maven compiles, and prints that line, even when nothing changed. A compile error does
     * not fail this: the caller compiles again itself and shows the errors.
     *
     * @param runtimeClasspathFile where Maven writes the runtime classpath
     * @return the javac options, in order
     */
    public CompilerArguments resolveCompilerArguments(Path runtimeClasspathFile) {
        Path status = projectDir.resolve("target/maven-status/maven-compiler-plugin");
        try {
            Files.createDirectories(runtimeClasspathFile.toAbsolutePath().getParent());
            Files.deleteIfExists(runtimeClasspathFile);
            if (Files.isDirectory(status)) {
                try (Stream<Path> files = Files.walk(status)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new JavezeException(status + ": cannot reset Maven's compiler state: " + e.getMessage(), e);
        }
        List<String> output = new ArrayList<>();
        int exit = execute(List.of("-X", DEPENDENCY_PLUGIN + ":build-classpath", "-DincludeScope=runtime",
                "-Dmdep.outputFile=" + runtimeClasspathFile.toAbsolutePath(), "compile"), "compile", output);
        String options = null;
        for (int i = 0; i + 1 < output.size(); i++) {
            if (output.get(i).equals("[DEBUG] Command line options:") && output.get(i + 1).startsWith("[DEBUG] ")) {
                options = output.get(i + 1).substring("[DEBUG] ".length());
            }
        }
        if (options == null || !Files.isRegularFile(runtimeClasspathFile)) {
            if (exit != 0) throw failure("compile", output);
            throw new JavezeException("mvn compile in " + projectDir + " did not show the compiler's command line;"
                    + " is maven-compiler-plugin 3.x compiling src/main/java?");
        }
        try {
            return new CompilerArguments(CompilerArguments.split(options), parse(Files.readString(runtimeClasspathFile).trim()));
        } catch (IOException e) {
            throw new JavezeException(runtimeClasspathFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The classpath stored by the last {@link #compileAndResolveRuntimeClasspath}. */
    public List<Path> storedRuntimeClasspath() {
        try {
            return parse(Files.readString(classpathFile()).trim());
        } catch (IOException e) {
            throw new JavezeException(classpathFile() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether compiled output is missing or older than a source: anything under {@code src/main}, {@code pom.xml}
     * or {@code javeze.toml} modified after the last classpath resolution.
     */
    public boolean needsCompile() {
        Path stamp = classpathFile();
        if (!Files.isRegularFile(stamp) || !Files.isRegularFile(ManifestStore.path(projectDir)) || !Files.isDirectory(classesDir())) {
            return true;
        }
        try {
            FileTime built = Files.getLastModifiedTime(stamp);
            return newestSource().compareTo(built) >= 0;
        } catch (IOException e) {
            return true;
        }
    }

    private FileTime newestSource() throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        List<Path> roots = List.of(projectDir.resolve("pom.xml"), projectDir.resolve("javeze.toml"), projectDir.resolve("src/main"));
        for (Path root : roots) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    FileTime t = Files.getLastModifiedTime(f);
                    if (t.compareTo(newest) > 0) newest = t;
                }
            }
        }
        return newest;
    }

    /**
     * The processor reads javeze.toml, but Maven recompiles only when a source changed: after an edit of
     * javeze.toml alone the manifest would keep the old service name. Removing the compiled classes makes the next
     * compile run javac, and so the processor, again.
     */
    private boolean configNewerThanManifest() {
        Path manifest = ManifestStore.path(projectDir);
        Path config = projectDir.resolve("javeze.toml");
        try {
            return Files.isDirectory(classesDir()) && (!Files.isRegularFile(manifest)
                    || Files.getLastModifiedTime(config).compareTo(Files.getLastModifiedTime(manifest)) > 0);
        } catch (IOException e) {
            return true;
        }
    }

    private void deleteClasses() {
        if (verbose) log.accept("javeze.toml changed since the manifest was written: recompiling everything");
        deleteCompiledClasses();
    }

    /** Removes {@code target/classes}, so that the next compile recompiles everything and reruns the processor. */
    public void deleteCompiledClasses() {
        if (!Files.isDirectory(classesDir())) return;
        try (Stream<Path> files = Files.walk(classesDir())) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        } catch (IOException e) {
            throw new JavezeException(classesDir() + ": cannot remove stale classes: " + e.getMessage(), e);
        }
    }

    /** Where {@link #compileAndResolveRuntimeClasspath} stores the runtime class path. */
    public Path classpathFile() {
        return projectDir.resolve(ManifestStore.DIRECTORY).resolve(CLASSPATH_FILE);
    }

    private static List<Path> parse(String classpath) {
        if (classpath.isEmpty()) return List.of();
        return Arrays.stream(classpath.split(Pattern.quote(File.pathSeparator))).map(Path::of).toList();
    }

    private void run(List<String> goals, String what) {
        List<String> output = new ArrayList<>();
        if (execute(goals, what, output) != 0) {
            throw failure(what, output);
        }
    }

    /** Runs Maven, collecting its output; returns the exit code. */
    private int execute(List<String> goals, String what, List<String> output) {
        if (!Files.isRegularFile(projectDir.resolve("pom.xml"))) {
            throw new JavezeException(projectDir.resolve("pom.xml") + ": not found; a javeze project is a Maven project");
        }
        if (configNewerThanManifest()) {
            deleteClasses();
        }
        List<String> command = new ArrayList<>(List.of(executable(), "-B", "-ntp", "-Dstyle.color=never"));
        if (!verbose && !goals.contains("-X")) command.add("-q");
        if (offline) command.add("-o");
        command.addAll(goals);
        if (verbose) log.accept("$ " + String.join(" ", command));

        int exit;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true);
            noEscapeSequences(builder);
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    if (verbose && !line.startsWith("[DEBUG]")) log.accept(line);
                }
            }
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new JavezeException("mvn " + what + " in " + projectDir + ": no result after " + TIMEOUT_MINUTES + " minutes");
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new JavezeException(command.get(0) + ": cannot run Maven (" + e.getMessage()
                    + "); install Maven 3.8+ or set JAVEZE_MAVEN to its path", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JavezeException("mvn " + what + ": interrupted", e);
        }
        return exit;
    }

    /**
     * Maven's jansi writes ESC[0m resets even in batch mode with colours off (Maven 3.8/3.9); {@code jansi.noreset}
     * stops them, so the lines shown to the user are plain text.
     */
    static void noEscapeSequences(ProcessBuilder builder) {
        String opts = builder.environment().getOrDefault("MAVEN_OPTS", "");
        builder.environment().put("MAVEN_OPTS", ("-Djansi.noreset=true " + opts).trim());
    }

    /** Shows the compiler's own {@code file:line:col: message} lines, else Maven's errors; returns the one-line summary. */
    private JavezeException failure(String what, List<String> output) {
        // Maven reports each compiler error twice: as javac prints it and again in its summary
        Set<String> messages = new LinkedHashSet<>();
        for (String line : output) {
            Matcher m = COMPILER_ERROR.matcher(line);
            if (m.matches()) {
                messages.add(m.group(1) + ":" + m.group(2) + (m.group(3) == null ? "" : ":" + m.group(3)) + ": error: " + m.group(4));
            }
        }
        int compilerErrors = messages.size();
        if (!verbose) messages.forEach(log);
        if (compilerErrors > 0) {
            return new JavezeException("compilation of " + projectDir + " failed with " + compilerErrors
                    + (compilerErrors == 1 ? " error" : " errors") + " (shown above)");
        }
        if (!verbose) {
            List<String> errors = output.stream().filter(l -> l.startsWith("[ERROR]") && !MAVEN_BOILERPLATE.matcher(l).matches()).toList();
            List<String> shown = errors.isEmpty() ? output : errors;
            shown.subList(Math.max(0, shown.size() - 30), shown.size()).forEach(log);
        }
        return new JavezeException("mvn " + what + " failed in " + projectDir + " (Maven's errors are shown above)");
    }

    private String executable() {
        String configured = System.getenv("JAVEZE_MAVEN");
        if (configured != null && !configured.isBlank()) return configured;
        Path wrapper = projectDir.resolve(File.separatorChar == '\\' ? "mvnw.cmd" : "mvnw");
        if (Files.isExecutable(wrapper)) return wrapper.toAbsolutePath().toString();
        return "mvn";
    }
}
