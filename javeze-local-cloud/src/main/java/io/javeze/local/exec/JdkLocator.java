package io.javeze.local.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK that runs a Java runtime: {@code java17} needs a JDK 17, {@code java21}/{@code java25} the newest
 * JDK at least that version. {@code JAVEZE_JAVA<N>_HOME} (e.g. {@code JAVEZE_JAVA21_HOME}) overrides the search.
 */
final class JdkLocator {

    private static final Pattern JAVA_RUNTIME = Pattern.compile("java(\\d+)(\\.al2)?");
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    record Jdk(Path home, int feature) {
        Path javaExecutable() {
            return home.resolve("bin").resolve("java");
        }
    }

    private final Map<String, String> environment;
    private final List<Path> searchRoots;

    JdkLocator(Map<String, String> environment, List<Path> searchRoots) {
        this.environment = environment;
        this.searchRoots = searchRoots;
    }

    List<Path> searchRoots() {
        return searchRoots;
    }

    static JdkLocator system() {
        return new JdkLocator(System.getenv(), List.of(Path.of("/usr/lib/jvm"), Path.of(System.getProperty("java.home")).getParent()));
    }

    /** @return the runtime's Java feature version, or empty when the runtime is not a Java runtime */
    static Optional<Integer> javaVersion(String runtime) {
        Matcher m = JAVA_RUNTIME.matcher(runtime == null ? "" : runtime);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    Jdk locate(int version) throws NoSuitableJdkException {
        String variable = "JAVEZE_JAVA" + version + "_HOME";
        String override = environment.get(variable);
        if (override != null && !override.isBlank()) {
            Path home = Path.of(override);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new NoSuitableJdkException(variable + "=" + override + " has no bin/java");
            }
            return new Jdk(home, featureOf(home).orElse(version));
        }
        List<Jdk> found = installed();
        Optional<Jdk> pick = version == 17
                ? found.stream().filter(j -> j.feature() == 17).findFirst()
                : found.stream().filter(j -> j.feature() >= version).max(Comparator.comparingInt(Jdk::feature));
        return pick.orElseThrow(() -> new NoSuitableJdkException("no JDK " + (version == 17 ? "17" : version + " or newer")
                + " found under " + searchRoots + "; install one or set " + variable));
    }

    private List<Jdk> installed() {
        List<Jdk> result = new ArrayList<>();
        for (Path root : searchRoots) {
            if (root == null || !Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(root)) {
                homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && !Files.isSymbolicLink(h))
                        .sorted()
                        .forEach(h -> featureOf(h).ifPresent(f -> result.add(new Jdk(h, f))));
            } catch (IOException ignored) {
                // an unreadable directory just holds no JDK
            }
        }
        return result;
    }

    private static Optional<Integer> featureOf(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static final class NoSuitableJdkException extends Exception {
        NoSuitableJdkException(String message) {
            super(message);
        }
    }
}
