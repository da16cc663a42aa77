package io.javeze.cli.build;

import picocli.CommandLine.Option;

/** Options of the commands that drive Maven and print results. */
public final class BuildOptions {
    public enum Output { text, json }

    @Option(names = "--offline", description = "Run Maven offline (-o): use only the local repository.")
    boolean offline;

    @Option(names = {"-o", "--output", "--output-format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one machine-readable JSON document on stdout.")
    Output output;

    boolean json() {
        return output == Output.json;
    }
}
