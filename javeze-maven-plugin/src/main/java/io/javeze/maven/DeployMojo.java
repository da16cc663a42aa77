package io.javeze.maven;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn compile javeze:deploy}: packages the javeze app (as {@code javeze:build}) and deploys all of it,
 * changing only what differs from what is deployed.
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DeployMojo extends AppMojo {
    /** At most this many AWS changes at once (1 to 64). */
    @Parameter(property = "javeze.concurrency", defaultValue = "16")
    int concurrency;

    @Override
    void run() {
        if (concurrency < 1 || concurrency > 64) {
            throw new JavezeException("javeze.concurrency must be between 1 and 64, got " + concurrency);
        }
        BuildMojo.build(project, getLog());
        Path dir = project.getBasedir().toPath();
        JavezeConfig config = JavezeConfig.load(dir);
        StepListener listener = dryRun ? StepListener.NONE : progress();
        try (AwsClients aws = new AwsClients(target(config));
             Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(concurrency, listener, null))) {
            getLog().info("Deploying " + config.serviceName() + " (stage " + config.deployment().stage() + ") to " + aws.region().id()
                    + (dryRun ? " (dry run)" : ""));
            DeployReport report = deployer.deploy(dir, dryRun);
            if (dryRun) {
                logPlan(report);
            } else if (report.plan().isEmpty()) {
                getLog().info("No changes: everything is up to date.");
            }
            report.functions().forEach(f -> getLog().info("  function " + f.name() + ": " + f.action() + " " + f.arn()));
            report.endpoints().forEach(e -> getLog().info("  " + e.method() + " " + e.url()));
            if (report.apiUrl() != null) {
                getLog().info("API: " + report.apiUrl());
            }
        }
    }
}
