package io.javeze.maven;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeConfig;
import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import software.amazon.awssdk.core.exception.SdkException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn javeze:remove}: deletes everything {@code javeze:deploy} created for this app and stage. */
@Mojo(name = "remove", threadSafe = true)
public final class RemoveMojo extends AppMojo {
    /** Also delete the functions' CloudWatch log groups. */
    @Parameter(property = "javeze.deleteLogs")
    boolean deleteLogs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path dir = project.getBasedir().toPath();
        try {
            JavezeConfig config = JavezeConfig.load(dir);
            try (AwsClients aws = new AwsClients(target(config));
                 Deployer deployer = new Deployer(Clients.from(aws), Deployer.Options.defaults())) {
                DeployReport report = deployer.remove(dir, dryRun, deleteLogs);
                logPlan(report);
            }
        } catch (JavezeException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SdkException e) {
            throw new MojoFailureException(AwsErrors.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("javeze:remove failed: " + e, e);
        }
    }
}
