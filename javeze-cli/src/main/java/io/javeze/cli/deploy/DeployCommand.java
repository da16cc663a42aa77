package io.javeze.cli.deploy;

import io.javeze.aws.AwsClients;
import io.javeze.cli.ProjectOption;
import io.javeze.config.JavezeConfig;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.packages.FreshPackages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy the whole application: functions, HTTP API, topics and queues.",
            "Plans first (what exists vs what should), then changes only what differs; rebuilds stale packages first."})
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    TargetOptions target;

    @Mixin
    StageOption stage;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Mixin
    OutputOption output;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16", description = "At most N AWS changes at once (default 16).")
    int concurrency;

    @Option(names = "--offline", description = "Run Maven offline (-o) if stale packages must be rebuilt.")
    boolean offline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (concurrency < 1 || concurrency > 64) {
            throw new io.javeze.config.JavezeException("--concurrency must be between 1 and 64, got " + concurrency);
        }
        Path dir = project.dir();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json();
        PrintWriter progress = json ? err : out;
        JavezeConfig config = JavezeConfig.load(dir).withStage(stage.stage(), "--stage");
        StepListener listener = dryRun ? StepListener.NONE : Output.progress(progress);
        FreshPackages.Settings build = new FreshPackages.Settings(offline, project.verbose, line -> {
            progress.println(line);
            progress.flush();
        });
        try (AwsClients aws = new AwsClients(target.target(config));
             Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(concurrency, listener, build))) {
            if (!json) {
                out.println("Deploying " + config.serviceName() + " (stage " + config.deployment().stage() + ") to " + aws.region().id()
                        + (dryRun ? " (dry run)" : ""));
                out.flush();
            }
            DeployReport report = deployer.deploy(dir, dryRun, stage.stage());
            if (json) Output.json(out, report);
            else if (dryRun) Output.plan(out, report, "deploy");
            else Output.deployed(out, report);
            Output.warnings(err, report);
        }
        return 0;
    }
}
