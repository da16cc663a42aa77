package io.javeze.cli.deploy;

import io.javeze.aws.AwsClients;
import io.javeze.cli.ProjectOption;
import io.javeze.config.JavezeConfig;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete everything one stage of this service deployed: its HTTP API, alias and versions, topics, queues,",
            "subscriptions and roles; a function goes when no other stage serves it. Only resources tagged as this service's",
            "and stage's are touched; safe to run again."})
public final class RemoveCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    TargetOptions target;

    @Mixin
    StageOption stage;

    @Option(names = "--logs", description = "Also delete the functions' CloudWatch log groups.")
    boolean logs;

    @Option(names = "--dry-run", description = "Print what would be deleted and delete nothing.")
    boolean dryRun;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = project.dir();
        PrintWriter out = spec.commandLine().getOut();
        boolean json = output.json();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        JavezeConfig config = JavezeConfig.load(dir).withStage(stage.stage(), "--stage");
        StepListener listener = dryRun ? StepListener.NONE : Output.progress(progress);
        try (AwsClients aws = new AwsClients(target.target(config));
             Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(16, listener, null))) {
            if (!json) {
                out.println("Removing " + config.serviceName() + " (stage " + config.deployment().stage() + ") from " + aws.region().id()
                        + (dryRun ? " (dry run)" : ""));
                out.flush();
            }
            DeployReport report = deployer.remove(dir, dryRun, logs, stage.stage());
            if (json) {
                Output.json(out, report);
            } else if (dryRun) {
                Output.plan(out, report, "remove");
            } else if (report.plan().isEmpty()) {
                out.println("Nothing to remove: " + config.serviceName() + " has nothing deployed here.");
            } else {
                out.println("🗑  Removed " + config.serviceName() + ": " + report.plan().size() + " resources deleted.");
            }
            out.flush();
        }
        return 0;
    }
}
