package io.javeze.maven;

import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import java.net.URI;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What javeze:deploy and javeze:remove share: the project, where AWS calls go, and dry runs. */
abstract class AppMojo extends AbstractMojo {
    static final URI DEFAULT_LOCAL_ENDPOINT = URI.create("http://127.0.0.1:4566");

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

    /** Region from the goal, then javeze.toml; the endpoint or the local cloud if asked for. */
    AwsTarget target(JavezeConfig config) {
        String chosen = region != null ? region : config.deployment().region();
        URI endpoint = null;
        if (endpointUrl != null) {
            try {
                endpoint = URI.create(endpointUrl);
            } catch (IllegalArgumentException e) {
                throw new JavezeException("endpointUrl: \"" + endpointUrl + "\" is not a URL");
            }
        }
        if (local) {
            if (profile != null) {
                throw new JavezeException("profile cannot be combined with local (the local cloud takes fixed credentials)");
            }
            return AwsTarget.local(endpoint != null ? endpoint : DEFAULT_LOCAL_ENDPOINT, chosen);
        }
        return new AwsTarget(chosen, profile, endpoint, false);
    }

    void logPlan(DeployReport report) {
        report.plan().forEach(line -> getLog().info((dryRun ? "  would " : "  ") + line));
    }
}
