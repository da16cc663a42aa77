package io.javeze.dev.compile;

import io.javeze.build.maven.CompilerArguments;
import io.javeze.config.JavezeException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac in this JVM with Maven's options and the project's annotation processors (javeze's among them), so that a
 * compile writes the classes, generated handlers and manifest {@code mvn compile} writes. The processors' class
 * loader is made once and kept: a compile after the first costs javac's work only.
 */
public final class InProcessCompiler implements AutoCloseable {
    /** One compile's outcome; {@code errors} as {@code path:line:col: error: message}, relative to the project. */
    public record Result(boolean success, List<String> errors, int files) {}

    private final Path projectDir;
    private final JavaCompiler javac;
    private final List<String> options;
    private final URLClassLoader processorLoader;
    private final Charset encoding;
    private final DiagnosticCollector<JavaFileObject> managerDiagnostics = new DiagnosticCollector<>();
    /** Kept across compiles: it caches the opened jars of the classpath. */
    private final StandardJavaFileManager files;

    public InProcessCompiler(Path projectDir, CompilerArguments arguments) {
        this.projectDir = projectDir;
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new JavezeException("javeze dev compiles in-process and needs a JDK (no javac in " + System.getProperty("java.home") + ")");
        }
        String processorPath = arguments.value("-processorpath").or(() -> arguments.value("--processor-path")).orElse(null);
        this.options = processorPath == null ? arguments.javacOptions()
                : arguments.without(arguments.javacOptions().contains("-processorpath") ? "-processorpath" : "--processor-path");
        this.processorLoader = processorPath == null ? null : new URLClassLoader("javeze-dev-processors", urls(processorPath),
                ClassLoader.getPlatformClassLoader());
        this.encoding = arguments.value("-encoding").map(Charset::forName).orElse(StandardCharsets.UTF_8);
        this.files = javac.getStandardFileManager(managerDiagnostics, Locale.ROOT, encoding);
    }

    public Result compile(Collection<Path> sources) {
        if (sources.isEmpty()) return new Result(true, List.of(), 0);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try {
            JavaCompiler.CompilationTask task = javac.getTask(output, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            if (processorLoader != null) {
                List<Processor> processors = new ArrayList<>();
                // fresh instances each time (a processor is initialized once), classes loaded once
                ServiceLoader.load(Processor.class, processorLoader).forEach(processors::add);
                task.setProcessors(processors);
            }
            boolean ok = task.call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) errors.add(format(d));
            }
            if (!ok && errors.isEmpty()) errors.add(output.toString().strip());
            return new Result(ok, errors, sources.size());
        } catch (RuntimeException e) {
            // an annotation processor's own failure reaches here wrapped; show it as the compile's error
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Result(false, List.of("annotation processing failed: " + cause), sources.size());
        }
    }

    private String format(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
        if (d.getSource() == null) return "error: " + message;
        Path file = Path.of(d.getSource().toUri());
        String shown = file.startsWith(projectDir) ? projectDir.relativize(file).toString() : file.toString();
        return shown + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": error: " + message;
    }

    private static URL[] urls(String path) {
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Override
    public void close() {
        try {
            files.close();
            if (processorLoader != null) processorLoader.close();
        } catch (IOException ignored) {
            // jars opened read-only: nothing to lose
        }
    }
}
