package io.javeze.cli;

import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --project DIR} and {@code --verbose}, shared by every command that works on a javeze project. */
public final class ProjectOption {
    @Option(names = "--project", paramLabel = "DIR",
            description = "The javeze project: this directory or the nearest parent holding a javeze.toml (default: the current directory).")
    Path project;

    @Option(names = {"-v", "--verbose"}, description = "Print details, and stack traces on failure.")
    public boolean verbose;

    /**
     * The project's root: the start directory ({@code --project}, else the current one) or its nearest parent that
     * holds a {@code javeze.toml}, as git finds {@code .git}; so every command works from any subdirectory.
     */
    public Path dir() {
        Path start = (project == null ? Path.of("") : project).toAbsolutePath().normalize();
        return find(start);
    }

    static Path find(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(JavezeConfig.FILE_NAME))) {
                return d;
            }
        }
        throw new JavezeException("no " + JavezeConfig.FILE_NAME + " in " + start + " or any parent directory: run javeze inside a "
                + "project, pass --project DIR, or create one with `javeze new NAME`");
    }
}
