package io.javeze.function;

import io.javeze.build.PackageEntry;
import io.javeze.build.ReproducibleZip;
import io.javeze.config.AtomicFiles;
import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The default package: the current Maven project as a Java Lambda zip (its classes at the root, its runtime
 * dependency jars under {@code lib/}), written reproducibly so an unchanged project keeps its CodeSha256.
 */
final class ProjectPackage {
    private final Path dir;

    ProjectPackage(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve("pom.xml"));
    }

    /** The project's own {@code <artifactId>} (not its parent's). */
    String artifactId() {
        Path pom = dir.resolve("pom.xml");
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("artifactId")) {
                    return e.getTextContent().trim();
                }
            }
        } catch (Exception e) {
            throw new JavezeException(pom + ": cannot read: " + e.getMessage());
        }
        throw new JavezeException(pom + ": no <artifactId>");
    }

    /** The dependency layer written beside the package: {@code target/javeze/NAME-dependencies.zip} and its content digest. */
    record LayerZip(Path zip, String digest) {}

    /**
     * Writes {@code target/javeze/NAME.zip}.
     *
     * @param jars the runtime dependency jars; called only once the project is known to be built
     */
    Path write(String name, Supplier<List<Path>> jars, List<Path> include) {
        return write(name, jars, include, true);
    }

    /**
     * {@code --dependency-layer}: the runtime dependency jars as a layer zip (javeze-build's {@code DependencyLayer}),
     * reproducible, so the same jars give the same digest and no new layer version.
     */
    LayerZip writeLayer(String name, List<Path> jars) {
        var layer = io.javeze.build.DependencyLayer.of(jars);
        Path zip = dir.resolve("target/javeze/" + name + "-dependencies.zip");
        AtomicFiles.writeReadable(zip, layer.zip());
        return new LayerZip(zip, layer.digest());
    }

    /** @param withJars false with {@code --dependency-layer}: the jars go into {@link #writeLayer} instead of {@code lib/} */
    Path write(String name, Supplier<List<Path>> jars, List<Path> include, boolean withJars) {
        if (!exists()) {
            throw new JavezeException("no package to deploy: pass --zip PATH, or run in a Maven project built with `mvn package`");
        }
        Path classes = dir.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new JavezeException(classes + " does not exist: build the project first (`mvn package`), or pass --zip PATH");
        }
        List<PackageEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                entries.add(new PackageEntry(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), false));
            }
            for (Path jar : withJars ? jars.get() : List.<Path>of()) {
                entries.add(new PackageEntry("lib/" + jar.getFileName(), Files.readAllBytes(jar), false));
            }
            for (Path given : include) {
                addIncluded(given, entries);
            }
        } catch (IOException e) {
            throw new JavezeException(dir + ": cannot read the compiled project: " + e.getMessage());
        }
        Path zip = dir.resolve("target/javeze/" + name + ".zip");
        AtomicFiles.writeReadable(zip, ReproducibleZip.write(entries));
        return zip;
    }

    /** {@code --include}: a file or a directory's files, at their path relative to the project (cargo-lambda's layout). */
    private void addIncluded(Path given, List<PackageEntry> entries) throws IOException {
        Path path = dir.resolve(given).normalize();
        if (!path.startsWith(dir)) {
            throw new JavezeException("--include " + given + ": must be inside the project " + dir);
        }
        if (!Files.exists(path)) {
            throw new JavezeException("--include " + given + ": not found");
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String entry = dir.relativize(f).toString().replace('\\', '/');
                if (entries.stream().anyMatch(e -> e.path().equals(entry))) {
                    throw new JavezeException("--include " + given + ": " + entry + " is already in the package");
                }
                entries.add(new PackageEntry(entry, Files.readAllBytes(f), Files.isExecutable(f)));
            }
        }
    }

    /** The runtime classpath, asked of Maven the same way {@code javeze build} does. */
    List<Path> resolveJars() {
        return new io.javeze.build.maven.MavenProject(dir, false, false, System.err::println).compileAndResolveRuntimeClasspath();
    }
}
