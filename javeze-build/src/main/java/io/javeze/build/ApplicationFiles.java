package io.javeze.build;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What goes into packages, read once for all functions: the compiled application classes, its resources, and
 * its runtime dependency jars.
 *
 * @param classes   internal class name to class file bytes
 * @param resources every non-class file of the classes directory, at its relative path
 * @param libraries the runtime dependency jars, under {@code lib/}
 * @param libraryFiles where each of {@code libraries} was read from, in the same order (for cached digests)
 */
public record ApplicationFiles(Map<String, byte[]> classes, List<PackageEntry> resources, List<PackageEntry> libraries,
                               List<Path> libraryFiles) {

    public ApplicationFiles(Map<String, byte[]> classes, List<PackageEntry> resources, List<PackageEntry> libraries) {
        this(classes, resources, libraries, List.of());
    }

    private static final String SERVICES = "META-INF/services/";

    public static ApplicationFiles read(Path classesDir, List<Path> runtimeClasspath) {
        List<Path> jars = runtimeClasspath.stream().filter(j -> !isProcessor(j)).toList();
        return readClasses(classesDir, new ApplicationFiles(Map.of(), List.of(), libraries(jars), jars));
    }

    /** The classes directory read again, with the dependency jars {@code previous} read (javeze dev, between pom.xml changes). */
    public static ApplicationFiles readClasses(Path classesDir, ApplicationFiles previous) {
        if (!Files.isDirectory(classesDir)) {
            throw new JavezeException(classesDir + ": no compiled classes; run `javeze codegen` first");
        }
        Map<String, byte[]> classes = new TreeMap<>();
        List<PackageEntry> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = relative(classesDir, file);
                byte[] bytes = Files.readAllBytes(file);
                if (path.endsWith(".class") && !path.startsWith("META-INF/")) {
                    classes.put(path.substring(0, path.length() - ".class".length()), bytes);
                } else {
                    resources.add(new PackageEntry(path, bytes, Files.isExecutable(file)));
                }
            }
        } catch (IOException e) {
            throw new JavezeException(classesDir + ": cannot read: " + e.getMessage(), e);
        }
        return new ApplicationFiles(classes, resources, previous.libraries(), previous.libraryFiles());
    }

    private static List<PackageEntry> libraries(List<Path> runtimeClasspath) {
        List<PackageEntry> jars = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path jar : runtimeClasspath) {
            String name = jar.getFileName().toString();
            if (isProcessor(jar)) continue;
            if (!Files.isRegularFile(jar) || !name.endsWith(".jar")) {
                throw new JavezeException(jar + ": runtime classpath entry is not a jar; javeze packages jar dependencies only");
            }
            if (!names.add(name)) {
                throw new JavezeException(jar + ": two runtime dependencies are both named " + name);
            }
            try {
                jars.add(new PackageEntry("lib/" + name, Files.readAllBytes(jar), false));
            } catch (IOException e) {
                throw new JavezeException(jar + ": cannot read dependency jar: " + e.getMessage(), e);
            }
        }
        return jars;
    }

    /** Compile-time only, even if declared as a dependency. */
    private static boolean isProcessor(Path jar) {
        return jar.getFileName().toString().startsWith("javeze-processor-");
    }

    /**
     * Classes every package needs whatever its handler: implementations named in {@code META-INF/services}
     * files, which {@link java.util.ServiceLoader} instantiates by name.
     */
    public Set<String> serviceImplementations() {
        Set<String> names = new TreeSet<>();
        for (PackageEntry r : resources) {
            if (!r.path().startsWith(SERVICES)) continue;
            for (String line : new String(r.content(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) names.add(name.replace('.', '/'));
            }
        }
        return names;
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
