package io.javeze.cli;

import io.javeze.cli.build.BuildCommand;
import io.javeze.cli.build.CodegenCommand;
import io.javeze.cli.deploy.DeployCommand;
import io.javeze.cli.deploy.RemoveCommand;
import io.javeze.cli.deploy.RollbackCommand;
import io.javeze.cli.dev.DevCommand;
import io.javeze.cli.logs.LogsCommand;
import io.javeze.cli.function.FunctionCommand;
import io.javeze.cli.invoke.InvokeCommand;
import io.javeze.cli.newproject.NewCommand;
import io.javeze.cli.local.LocalCommand;
import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.core.exception.SdkException;

@Command(
        name = "javeze",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Annotated Java methods to AWS Lambda and API Gateway, deployed with one command.",
        subcommands = {
            CodegenCommand.class,
            BuildCommand.class,
            DeployCommand.class,
            RemoveCommand.class,
            RollbackCommand.class,
            DevCommand.class,
            LogsCommand.class,
            InvokeCommand.class,
            io.javeze.cli.openapi.OpenApiCommand.class,
            NewCommand.class,
            FunctionCommand.class,
            LocalCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class JavezeCli {
    /** Exit codes: 0 success, 1 a problem the user can fix, 2 bad usage, 3 a javeze bug. */
    public static final int USER_ERROR = 1;
    public static final int INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose") || parseResult.originalArgs().contains("-v");
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof JavezeException) {
                commandLine.getErr().println("error: " + oneLine(e.getMessage()));
                return USER_ERROR;
            }
            if (e instanceof SdkException aws) {
                // AWS refused or could not be reached after the SDK's retries: the user's to act on, not a javeze bug
                commandLine.getErr().println("error: " + oneLine(AwsErrors.describe(aws)));
                return USER_ERROR;
            }
            commandLine.getErr().println("error: internal: " + oneLine(String.valueOf(e))
                    + (verbose ? "" : " (run with --verbose for details)"));
            return INTERNAL_ERROR;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The root with only the subcommand the arguments name, when they name one: picocli reflects over every command it
     * is given, and building all of them was a good part of a no-op {@code javeze build}'s start-up. Anything else
     * (help, completion, a typo, {@code --version}) gets every command, for listings and suggestions.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> c : JavezeCli.class.getAnnotation(Command.class).subcommands()) {
                Command command = c.getAnnotation(Command.class);
                if (c != CommandLine.HelpCommand.class && c != CompletionCommand.class && command != null && command.name().equals(args[0])) {
                    CommandLine cli = new CommandLine(new Root());
                    cli.addSubcommand(c);
                    return cli;
                }
            }
        }
        return new CommandLine(new JavezeCli());
    }

    /** {@link JavezeCli} without its subcommands, for {@link #commandLine}. */
    @Command(name = "javeze", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Annotated Java methods to AWS Lambda and API Gateway, deployed with one command.")
    static final class Root {}

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
    }
}
