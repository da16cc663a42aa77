package io.javeze.maven;

import io.javeze.aws.AwsTarget;
import io.javeze.aws.TargetFlags;
import io.javeze.aws.TargetRequest;
import io.javeze.config.JavezeConfig;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.plan.Step;
import java.time.Duration;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Parameter;

/** What javeze:deploy and javeze:remove share: where AWS calls go, dry runs, and the CLI's progress lines. */
abstract class AppMojo extends JavezeMojo {
    /** AWS region; default: {@code [deployment] region} in javeze.toml, then the AWS region chain. */
    @Parameter(property = "javeze.region")
    String region;
    /** Named profile from the AWS shared config files. */
    @Parameter(property = "javeze.profile")
    String profile;
    /** Send every AWS call to this AWS-compatible endpoint (with {@code local}: that local cloud). */
    @Parameter(property = "javeze.endpointUrl")
    String endpointUrl;
    /** Use javeze's local cloud on http://127.0.0.1:4566, started in the background when none answers. */
    @Parameter(property = "javeze.local", defaultValue = "false")
    boolean local;
    /** Print the plan and change nothing. */
    @Parameter(property = "javeze.dryRun", defaultValue = "false")
    boolean dryRun;

    /**
     * Region from the goal, then javeze.toml; the endpoint or the local cloud if asked for: the same checks as the
     * CLI's; the default local cloud is started on demand, as the CLI starts it.
     */
    AwsTarget target(JavezeConfig config) {
        return new TargetRequest(region, profile, endpointUrl, local).validate(config.deployment().region(), TargetFlags.MAVEN)
                .connect(LocalCloudOnDemand::start);
    }

    /** The CLI's progress lines: one per finished change, from the step's own description. */
    StepListener progress() {
        return new StepListener() {
            @Override
            public void finished(Step step, Duration took) {
                getLog().info(String.format(Locale.ROOT, "  ✓ %s (%.1f s)", step.action().describe(), took.toMillis() / 1000.0));
            }

            @Override
            public void failed(Step step, Throwable error) {
                getLog().error("  ✗ " + step.action().describe());
            }
        };
    }

    void logPlan(DeployReport report) {
        report.plan().forEach(line -> getLog().info((dryRun ? "  would " : "  ") + line));
        if (dryRun) {
            report.permissions().forEach(g -> g.statements().forEach(s -> getLog().info("  would grant " + g.function() + " "
                    + s.effect() + " " + String.join(", ", s.actions()) + " on " + String.join(", ", s.resources())
                    + " (from " + String.join(", ", s.sources()) + ")")));
        }
        report.warnings().forEach(w -> getLog().warn(w));
    }
}
