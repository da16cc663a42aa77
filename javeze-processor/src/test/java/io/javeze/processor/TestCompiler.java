package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles test sources with the processor in-process and loads what it produced. */
final class TestCompiler {
    private TestCompiler() {}

    /** Sources as {@code "pkg.Name", "source text"} pairs. */
    static Compilation compile(List<String> options, String... namesAndSources) {
        return compiler(options).compile(sources(namesAndSources));
    }

    static Compilation compile(String... namesAndSources) {
        return compile(List.of(), namesAndSources);
    }

    /** Compiles without the AWS SDK on the class path, as a project that did not add the SNS dependencies. */
    static Compilation compileWithoutAwsSdk(String... namesAndSources) {
        List<File> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("awssdk")) classpath.add(new File(entry));
        }
        return compiler(List.of()).withClasspath(classpath).compile(sources(namesAndSources));
    }

    static Compilation compileOk(List<String> options, String... namesAndSources) {
        Compilation compilation = compile(options, namesAndSources);
        assertThat(compilation.errors()).as("compile errors").isEmpty();
        return compilation;
    }

    static String generatedSource(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName + " in " + compilation.generatedSourceFiles()));
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Error messages with the line they point at, as "line: message". */
    static List<String> errors(Compilation compilation) {
        return compilation.errors().stream()
                .map(d -> d.getLineNumber() + ": " + d.getMessage(null))
                .toList();
    }

    static Diagnostic<? extends JavaFileObject> onlyError(Compilation compilation) {
        assertThat(errors(compilation)).hasSize(1);
        return compilation.errors().get(0);
    }

    /** A class loader over the compiled classes, delegating everything else to the test class path. */
    static ClassLoader classLoader(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, byte[]> resources = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (file.getKind() == JavaFileObject.Kind.OTHER && path.contains("/CLASS_OUTPUT/")) {
                try (InputStream in = file.openInputStream()) {
                    resources.put(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()), in.readAllBytes());
                } catch (java.io.FileNotFoundException e) {
                    continue; // only looked up (the processor's probe for the class output), never written
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (file.getKind() != JavaFileObject.Kind.CLASS) continue;
            String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
                    .replace('/', '.');
            try (InputStream in = file.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(TestCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) throw new ClassNotFoundException(name);
                return defineClass(name, bytes, 0, bytes.length);
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] bytes = resources.get(name);
                return bytes != null ? new java.io.ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
            }
        };
    }

    private static Compiler compiler(List<String> options) {
        return Compiler.javac().withProcessors(new JavezeProcessor()).withOptions(options);
    }

    private static List<JavaFileObject> sources(String... namesAndSources) {
        if (namesAndSources.length % 2 != 0) throw new IllegalArgumentException("pairs of name and source expected: " + Arrays.toString(namesAndSources));
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(namesAndSources[i], namesAndSources[i + 1]));
        }
        return files;
    }
}
