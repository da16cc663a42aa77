package io.javeze.cli.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the embedded local cloud: AWS-compatible APIs on 127.0.0.1 that really run what is deployed.",
        subcommands = {LocalStartCommand.class, LocalStopCommand.class, LocalStatusCommand.class, LocalLogsCommand.class,
            LocalInvokeCommand.class, CommandLine.HelpCommand.class})
public final class LocalCommand {}
