package io.javeze.build.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Maven's compiler plugin passes javac for {@code src/main/java}, and the project's runtime classpath.
 *
 * @param javacOptions      the options in order ({@code -d}, {@code -classpath}, {@code -processorpath}, {@code --release}...)
 * @param runtimeClasspath  the jars packages hold
 */
public record CompilerArguments(List<String> javacOptions, List<Path> runtimeClasspath) {

    /** The value following {@code option}, if it is given. */
    public Optional<String> value(String option) {
        int i = javacOptions.indexOf(option);
        return i >= 0 && i + 1 < javacOptions.size() ? Optional.of(javacOptions.get(i + 1)) : Optional.empty();
    }

    /** The options without {@code option} and its value. */
    public List<String> without(String option) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < javacOptions.size(); i++) {
            if (javacOptions.get(i).equals(option)) {
                i++;
            } else {
                kept.add(javacOptions.get(i));
            }
        }
        return kept;
    }

    /**
     * Maven logs the options joined by single spaces. A word that does not start with '-' and follows an option's
     * value belongs to that value (a path with a space in it).
     */
    static List<String> split(String line) {
        List<String> options = new ArrayList<>();
        boolean previousIsValue = false;
        for (String word : line.trim().split(" ")) {
            if (word.isEmpty()) continue;
            boolean option = word.startsWith("-");
            if (!option && previousIsValue) {
                options.set(options.size() - 1, options.get(options.size() - 1) + " " + word);
                continue;
            }
            options.add(word);
            previousIsValue = !option;
        }
        return options;
    }
}
