package io.javeze.cli.deploy;

import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.daemon.LocalCloudDaemon;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import picocli.CommandLine.Option;

/** Where deploy and remove go: AWS (region, profile), any AWS-compatible endpoint, or the local cloud. */
public final class TargetOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: [deployment] region in javeze.toml, then the AWS region chain).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile from the AWS shared config files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every AWS call to this AWS-compatible endpoint.")
    URI endpointUrl;

    @Option(names = "--local", description = "Deploy to the javeze local cloud on this machine (http://127.0.0.1:4566, started if not running), or the one at --endpoint-url.")
    boolean local;

    public AwsTarget target(JavezeConfig config) {
        String chosen = region != null ? region : config.deployment().region();
        if (region != null && !region.matches("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d")) {
            throw new JavezeException("--region: \"" + region + "\" is not an AWS region name like \"us-east-1\"");
        }
        if (endpointUrl != null && (endpointUrl.getScheme() == null || endpointUrl.getHost() == null
                || !(endpointUrl.getScheme().equals("http") || endpointUrl.getScheme().equals("https")))) {
            throw new JavezeException("--endpoint-url: \"" + endpointUrl + "\" is not an http(s) URL");
        }
        if (local) {
            if (profile != null) throw new JavezeException("--profile cannot be combined with --local (the local cloud takes fixed credentials)");
            if (endpointUrl != null) {
                requireListening(endpointUrl);
                return AwsTarget.local(endpointUrl, chosen);
            }
            // starts the local cloud in the background when it is not running yet
            URI endpoint = LocalCloudDaemon.ensureRunning(LocalCloudOptions.defaultDataDir(), LocalCloudDaemon.defaultPort());
            return AwsTarget.local(endpoint, chosen);
        }
        return new AwsTarget(chosen, profile, endpointUrl, false);
    }

    private static void requireListening(URI endpoint) {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : ("https".equals(endpoint.getScheme()) ? 443 : 80);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), port), 2_000);
        } catch (IOException e) {
            throw new JavezeException("--endpoint-url: no local cloud answers at " + endpoint + "; start it with `javeze local start`");
        }
    }
}
