package io.javeze.cli.deploy;

import io.javeze.aws.AwsTarget;
import io.javeze.aws.TargetFlags;
import io.javeze.aws.TargetRequest;
import io.javeze.config.JavezeConfig;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.daemon.LocalCloudDaemon;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Where a command's AWS calls go: AWS (region, profile), any AWS-compatible endpoint, or the local cloud. The values
 * are checked by {@link TargetRequest}, as the Maven goals check theirs.
 */
public final class TargetOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: [deployment] region in javeze.toml where there is one, then the AWS region chain).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from the AWS shared config files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this AWS-compatible endpoint.")
    String endpointUrl;

    @Option(names = "--local", description = "Use the javeze local cloud on this machine (http://127.0.0.1:4566, started if not running), or the one at --endpoint-url.")
    boolean local;

    /** The values as typed, for commands that validate them along with their other options. */
    public TargetRequest request() {
        return new TargetRequest(region, profile, endpointUrl, local);
    }

    /** Validated, with the local cloud started or checked: call before the first AWS call. */
    public AwsTarget target(JavezeConfig config) {
        return request().validate(config.deployment().region(), TargetFlags.CLI).connect(TargetOptions::startLocalCloud);
    }

    /** The default local cloud, started in the background when it is not running yet. */
    public static URI startLocalCloud() {
        return LocalCloudDaemon.ensureRunning(LocalCloudOptions.defaultDataDir(), LocalCloudDaemon.defaultPort());
    }
}
