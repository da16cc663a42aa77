package io.javeze.maven;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeConfig;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn javeze:remove}: deletes everything {@code javeze:deploy} created for this app and stage. */
@Mojo(name = "remove", threadSafe = true)
public final class RemoveMojo extends AppMojo {
    /** Also delete the functions' CloudWatch log groups. */
    @Parameter(property = "javeze.deleteLogs", defaultValue = "false")
    boolean deleteLogs;

    @Override
    void run() {
        Path dir = project.getBasedir().toPath();
        JavezeConfig config = JavezeConfig.load(dir);
        StepListener listener = dryRun ? StepListener.NONE : progress();
        try (AwsClients aws = new AwsClients(target(config));
             Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(16, listener, null))) {
            getLog().info("Removing " + config.serviceName() + " (stage " + config.deployment().stage() + ") from " + aws.region().id()
                    + (dryRun ? " (dry run)" : ""));
            DeployReport report = deployer.remove(dir, dryRun, deleteLogs);
            if (dryRun) {
                logPlan(report);
            } else if (report.plan().isEmpty()) {
                getLog().info("Nothing to remove: " + config.serviceName() + " has nothing deployed here.");
            } else {
                getLog().info("Removed " + config.serviceName() + ": " + report.plan().size() + " resources deleted.");
            }
        }
    }
}
