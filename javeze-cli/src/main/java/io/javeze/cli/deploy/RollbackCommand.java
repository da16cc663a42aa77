package io.javeze.cli.deploy;

import io.javeze.aws.AwsClients;
import io.javeze.cli.ProjectOption;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Serve an earlier deploy's code again: moves the stage's Lambda aliases back to the versions that deploy",
            "published. No build, no upload; takes seconds. The history is in .javeze/manifest.json (deployed.stages)."})
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    TargetOptions target;

    @Mixin
    StageOption stage;

    @Option(names = "--to", paramLabel = "DEPLOY", description = "Deploy number from the stage's history (default: the one before the deploy it serves).")
    Integer to;

    @Mixin
    OutputOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (to != null && to < 1) throw new JavezeException("--to must be a deploy number (1 or more), got " + to);
        PrintWriter out = spec.commandLine().getOut();
        JavezeConfig config = JavezeConfig.load(project.dir()).withStage(stage.stage(), "--stage");
        try (AwsClients aws = new AwsClients(target.target(config));
             Deployer deployer = new Deployer(Clients.from(aws), Deployer.Options.defaults())) {
            DeployReport report = deployer.rollback(project.dir(), config.deployment().stage(), to);
            if (output.json()) {
                Output.json(out, report);
            } else {
                report.plan().forEach(line -> out.println("  " + line));
                out.println("⏪ Stage " + report.stage() + " of " + report.service() + " rolled back"
                        + (report.plan().isEmpty() ? " (its aliases already served that deploy)" : "") + ".");
                if (report.apiUrl() != null) out.println("API URL: " + report.apiUrl());
            }
            out.flush();
        }
        return 0;
    }
}
