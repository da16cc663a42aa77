package io.javeze.cli.function;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "function", mixinStandardHelpOptions = true,
        description = "Work with a single Lambda function, javeze app or not.",
        subcommands = {FunctionDeployCommand.class, CommandLine.HelpCommand.class})
public final class FunctionCommand {}
