package io.javeze.maven;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeConfig;
import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import software.amazon.awssdk.core.exception.SdkException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code mvn compile javeze:deploy}: packages the javeze app (as {@code javeze:build}) and deploys all of it,
 * changing only what differs from what is deployed.
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DeployMojo extends AppMojo {
    /** At most this many AWS changes at once. */
    @Parameter(property = "javeze.concurrency", defaultValue = "16")
    int concurrency;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (concurrency < 1 || concurrency > 64) {
                throw new JavezeException("concurrency must be between 1 and 64, got " + concurrency);
            }
            BuildMojo.build(project, getLog());
            Path dir = project.getBasedir().toPath();
            JavezeConfig config = JavezeConfig.load(dir);
            StepListener progress = new StepListener() {
                @Override
                public void finished(io.javeze.deploy.plan.Step step, java.time.Duration took) {
                    getLog().info("  " + step + " (" + took.toMillis() + " ms)");
                }
            };
            try (AwsClients aws = new AwsClients(target(config));
                 Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(concurrency, progress, null))) {
                DeployReport report = deployer.deploy(dir, dryRun);
                logPlan(report);
                report.functions().forEach(f -> getLog().info("  function " + f.name() + ": " + f.action() + " " + f.arn()));
                report.endpoints().forEach(e -> getLog().info("  " + e.method() + " " + e.url()));
                if (report.apiUrl() != null) {
                    getLog().info("API: " + report.apiUrl());
                }
            }
        } catch (JavezeException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SdkException e) {
            throw new MojoFailureException(AwsErrors.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException("javeze:deploy failed: " + e, e);
        }
    }
}
