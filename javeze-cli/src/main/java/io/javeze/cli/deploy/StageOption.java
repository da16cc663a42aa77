package io.javeze.cli.deploy;

import picocli.CommandLine.Option;

/** {@code --stage NAME}: the stage to act on instead of javeze.toml's {@code [deployment] stage}. */
public final class StageOption {
    @Option(names = "--stage", paramLabel = "NAME",
            description = "Stage to act on (default: [deployment] stage in javeze.toml, else prod). Each stage has its own HTTP API, "
                    + "Lambda alias, topics, queues and roles.")
    String stage;

    public String stage() {
        return stage;
    }
}
