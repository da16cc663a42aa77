package io.javeze.cli.newproject;

import io.javeze.config.JavezeException;
import io.javeze.config.Naming;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Create a javeze project that `javeze deploy --local` answers straight away: pom.xml, javeze.toml,",
            "one handler and a unit test of it."})
public final class NewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The service name (service_name): letters, digits and '-', starting with a letter, at most 40.")
    String name;

    @Option(names = "--template", paramLabel = "TEMPLATE", defaultValue = "hello",
            description = "hello (a route, default), auth (a route protected by an auth handler) or topic (a route publishing to a subscriber).")
    Template template;

    @Option(names = "--directory", paramLabel = "DIR", description = "Where to create it (default: ./NAME); must be new or empty.")
    Path directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String problem = Naming.serviceNameProblem(name);
        if (problem != null) throw new JavezeException("NAME " + problem);
        Path dir = (directory == null ? Path.of(name) : directory).toAbsolutePath().normalize();
        String flag = directory == null ? "" : "--directory ";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new JavezeException(flag + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new JavezeException(flag + dir + " is not empty; javeze new creates a project only in a new or empty directory");
        }
        String javaPackage = javaPackage(name);
        write(dir, template.render(name, javaPackage));

        PrintWriter out = spec.commandLine().getOut();
        out.println("Created " + name + " (template " + template + ", package " + javaPackage + ") in " + dir);
        out.println();
        out.println("Next:");
        out.println("  cd " + dir);
        out.println("  javeze deploy --local      # then: " + template.tryIt);
        out.println("  mvn test                   # runs the handler's unit test");
        out.flush();
        return 0;
    }

    /** {@code com.example.} and the name without '-', lower case; a Java keyword gets a trailing '_'. */
    static String javaPackage(String service) {
        String pkg = "com.example." + service.replace("-", "").toLowerCase(Locale.ROOT);
        return SourceVersion.isName(pkg) ? pkg : pkg + "_";
    }

    /** All files or none: written into a sibling directory that is then renamed into place. */
    private static void write(Path dir, Map<String, String> files) {
        Path staging = dir.resolveSibling("." + dir.getFileName() + ".javeze-new-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(staging);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = staging.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            if (Files.isDirectory(dir)) Files.delete(dir); // empty, checked above
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new JavezeException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new JavezeException(dir + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden staging directory is harmless
        }
    }
}
