package io.javeze.cli.logs;

import io.javeze.aws.AwsClients;
import io.javeze.cli.ProjectOption;
import io.javeze.cli.deploy.StageOption;
import io.javeze.cli.deploy.TargetOptions;
import io.javeze.cli.local.LocalLogsCommand;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the functions' logs (CloudWatch Logs), interleaved by time and prefixed by function.",
            "Works against AWS and the local cloud alike."})
public final class LogsCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Parameters(paramLabel = "FUNCTION", arity = "0..1",
            description = "A function's short name from the manifest or its Lambda name (default: every function of the service).")
    String function;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted.")
    boolean follow;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "10m",
            description = "How far back: 30s, 10m, 2h, 1d (default: ${DEFAULT-VALUE}).")
    String since;

    @Mixin
    StageOption stage;

    @Mixin
    TargetOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long start = Instant.now().minus(LocalLogsCommand.parse(since)).toEpochMilli();
        Path dir = project.dir();
        JavezeConfig config = JavezeConfig.load(dir);
        Manifest manifest = ManifestStore.read(dir);
        List<FunctionSpec> functions = function == null ? manifest.functions() : List.of(find(manifest, function));
        PrintWriter out = spec.commandLine().getOut();
        try (AwsClients aws = new AwsClients(target.target(config))) {
            LogFollower follower = new LogFollower(aws.logs(), start);
            LinePrinter printer = new LinePrinter(out, functions.stream().map(FunctionSpec::name).toList());
            while (true) {
                List<LogFollower.Source> sources = sources(dir, functions);
                follower.poll(sources).forEach(printer::print);
                if (!follow) return 0;
                // CloudWatch Logs allows a few FilterLogEvents a second per account: poll AWS gently, the local cloud briskly
                Thread.sleep(aws.target().local() ? 500 : 2_000);
            }
        }
    }

    private List<LogFollower.Source> sources(Path dir, List<FunctionSpec> functions) {
        Predicate<String> streams = stage.stage() == null ? s -> true : stageStreams(dir, stage.stage());
        return functions.stream().map(f -> new LogFollower.Source("/aws/lambda/" + f.lambdaName(), f.name(), streams)).toList();
    }

    /**
     * Lambda names a log stream {@code yyyy/MM/dd/[VERSION]id}; a stage's lines are those of the versions its deploys
     * served (the manifest's history of the stage), read again each poll so a new deploy's version is included.
     */
    private static Predicate<String> stageStreams(Path dir, String stage) {
        Deployed deployed = DeployedRecorder.read(ManifestStore.read(dir), stage);
        Set<String> versions = deployed.history().stream().flatMap(h -> h.versions().values().stream())
                .map(v -> "[" + v + "]").collect(Collectors.toSet());
        return streamName -> versions.stream().anyMatch(streamName::contains);
    }

    private static FunctionSpec find(Manifest manifest, String name) {
        return manifest.functions().stream().filter(f -> f.name().equals(name) || f.lambdaName().equals(name)).findFirst()
                .orElseThrow(() -> new JavezeException("FUNCTION: \"" + name + "\" is not a function of " + manifest.service()
                        + " (functions: " + manifest.functions().stream().map(FunctionSpec::name).collect(Collectors.joining(", ")) + ")"));
    }
}
