package io.javeze.cli.local;

import io.javeze.config.JavezeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a function's log from the local cloud.")
public final class LocalLogsCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Parameters(paramLabel = "FUNCTION", description = "The Lambda function name.")
    String function;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h",
            description = "How far back: 30s, 10m, 2h, 1d (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws InterruptedException {
        long start = Instant.now().minus(parse(since)).toEpochMilli();
        try (var aws = RunningCloud.clients(data)) {
            String group = "/aws/lambda/" + function;
            while (true) {
                long from = start;
                var events = aws.logs().filterLogEventsPaginator(r -> r.logGroupName(group).startTime(from)).events();
                for (FilteredLogEvent e : events) {
                    System.out.println(Instant.ofEpochMilli(e.timestamp()) + "  " + e.message().stripTrailing());
                    start = Math.max(start, e.timestamp() + 1);
                }
                if (!follow) {
                    return 0;
                }
                Thread.sleep(1000);
            }
        } catch (ResourceNotFoundException e) {
            throw new JavezeException("no logs for function " + function + " in the local cloud (log group /aws/lambda/" + function
                    + " does not exist)");
        }
    }

    public static Duration parse(String value) {
        try {
            char unit = value.charAt(value.length() - 1);
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            Duration d = switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new JavezeException("--since: \"" + value + "\" is not a duration like 30s, 10m, 2h or 1d");
        }
    }
}
