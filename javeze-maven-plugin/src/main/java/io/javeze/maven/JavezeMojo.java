package io.javeze.maven;

import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every javeze goal does before its work: honour {@code javeze.skip}, skip pom-packaging modules (as Jib does),
 * and refuse a misspelt {@code javeze.*} property instead of silently ignoring it. Errors become one line for Maven.
 */
abstract class JavezeMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /** Skip this goal. */
    @Parameter(property = "javeze.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String goal = "javeze:" + mojoExecution.getGoal();
        if (skip) {
            getLog().info("Skipping " + goal + " (javeze.skip)");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping " + goal + " because packaging is 'pom'");
            return;
        }
        try {
            KnownProperties.of(mojoExecution.getMojoDescriptor().getPluginDescriptor())
                    .check(session.getUserProperties(), project.getProperties());
            run();
        } catch (JavezeException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (SdkException e) {
            throw new MojoFailureException(AwsErrors.describe(e));
        } catch (RuntimeException e) {
            throw new MojoExecutionException(goal + " failed: " + e, e);
        }
    }

    /** The goal's work; a {@link JavezeException} is a user error reported in one line. */
    abstract void run();
}
