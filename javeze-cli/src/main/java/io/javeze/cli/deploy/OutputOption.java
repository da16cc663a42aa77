package io.javeze.cli.deploy;

import picocli.CommandLine.Option;

/** {@code -o/--output text|json} of deploy, remove and rollback ({@code --output-format} kept as cargo-lambda's name). */
public final class OutputOption {
    @Option(names = {"-o", "--output", "--output-format"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output.Format format;

    public boolean json() {
        return format == Output.Format.json;
    }
}
