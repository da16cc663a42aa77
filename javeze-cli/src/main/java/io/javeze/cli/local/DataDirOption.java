package io.javeze.cli.local;

import io.javeze.local.LocalCloudOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: which local cloud (one per data directory). */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "The local cloud's state directory (default: ~/.javeze/local).")
    Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces on failure.")
    boolean verbose;

    Path dir() {
        return (dataDir == null ? LocalCloudOptions.defaultDataDir() : dataDir).toAbsolutePath().normalize();
    }
}
