package io.javeze.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --project DIR} and {@code --verbose}, shared by every command that works on a javeze project. */
public final class ProjectOption {
    @Option(names = "--project", paramLabel = "DIR", description = "The javeze project (default: the current directory).")
    Path project;

    @Option(names = {"-v", "--verbose"}, description = "Print details, and stack traces on failure.")
    public boolean verbose;

    public Path dir() {
        return (project == null ? Path.of("") : project).toAbsolutePath().normalize();
    }
}
