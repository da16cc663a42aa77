package io.javeze.maven;

import io.javeze.aws.AwsTarget;
import io.javeze.aws.TargetFlags;
import io.javeze.aws.TargetRequest;
import io.javeze.config.JavezeConfig;
import io.javeze.deploy.DeployReport;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What javeze:deploy and javeze:remove share: the project, where AWS calls go, and dry runs. */
abstract class AppMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(property = "javeze.region")
    String region;
    @Parameter(property = "javeze.profile")
    String profile;
    @Parameter(property = "javeze.endpointUrl")
    String endpointUrl;
    /** Use javeze's local cloud. */
    @Parameter(property = "javeze.local")
    boolean local;
    /** Print the plan and change nothing. */
    @Parameter(property = "javeze.dryRun")
    boolean dryRun;

    /**
     * Region from the goal, then javeze.toml; the endpoint or the local cloud if asked for: the same checks as the
     * CLI's. The local cloud must already run ({@code javeze local start}).
     */
    AwsTarget target(JavezeConfig config) {
        return new TargetRequest(region, profile, endpointUrl, local).validate(config.deployment().region(), TargetFlags.MAVEN)
                .connect(null);
    }

    void logPlan(DeployReport report) {
        report.plan().forEach(line -> getLog().info((dryRun ? "  would " : "  ") + line));
    }
}
