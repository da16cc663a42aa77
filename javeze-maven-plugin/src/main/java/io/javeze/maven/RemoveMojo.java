package io.javeze.maven;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** {@code mvn javeze:remove}: deletes everything {@code javeze:deploy} created for this app and stage. */
@Mojo(name = "remove", threadSafe = true)
public final class RemoveMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(property = "javeze.region")
    String region;
    @Parameter(property = "javeze.profile")
    String profile;
    @Parameter(property = "javeze.endpointUrl")
    String endpointUrl;
    @Parameter(property = "javeze.local")
    boolean local;
    @Parameter(property = "javeze.dryRun")
    boolean dryRun;
    /** Also delete the functions' CloudWatch log groups. */
    @Parameter(property = "javeze.deleteLogs")
    boolean deleteLogs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path dir = project.getBasedir().toPath();
        try {
            JavezeConfig config = JavezeConfig.load(dir);
            try (AwsClients aws = new AwsClients(AppTarget.of(config, region, profile, endpointUrl, local));
                 Deployer deployer = new Deployer(Clients.from(aws), Deployer.Options.defaults())) {
                DeployReport report = deployer.remove(dir, dryRun, deleteLogs);
                report.plan().forEach(line -> getLog().info((dryRun ? "  would " : "  ") + line));
            }
        } catch (JavezeException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("javeze:remove failed: " + e, e);
        }
    }
}
