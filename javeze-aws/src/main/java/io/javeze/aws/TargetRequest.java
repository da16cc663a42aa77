package io.javeze.aws;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Supplier;

/**
 * Where AWS calls should go, as the user typed it (CLI flags or Maven parameters; null means not given). Every
 * command and goal that talks to AWS turns it into an {@link AwsTarget} the same way, before any AWS call:
 * {@link #validate} checks the values, then {@link Validated#connect} makes sure a local cloud answers.
 */
public record TargetRequest(String region, String profile, String endpointUrl, boolean local) {
    public static final URI DEFAULT_LOCAL_ENDPOINT = URI.create("http://127.0.0.1:4566");

    /**
     * A checked target. {@code startLocalCloud}: {@code --local} without an endpoint, so the default local cloud
     * is meant (started on demand where the front end can).
     */
    public record Validated(AwsTarget target, boolean startLocalCloud, TargetFlags flags) {

        /**
         * @param localCloud starts (or finds) the default local cloud and returns its endpoint; null when this front
         *                   end cannot start one, in which case it must already be running
         */
        public AwsTarget connect(Supplier<URI> localCloud) {
            if (!target.local()) {
                return target;
            }
            if (startLocalCloud && localCloud != null) {
                return AwsTarget.local(localCloud.get(), target.region());
            }
            requireListening(target.endpointUrl(), startLocalCloud ? flags.local() : flags.endpointUrl());
            return target;
        }
    }

    /**
     * @param configRegion {@code [deployment] region} from javeze.toml, or null; an explicit region wins
     * @throws JavezeException one line naming the bad flag
     */
    public Validated validate(String configRegion, TargetFlags flags) {
        if (region != null && !Partitions.isRegionName(region)) {
            throw new JavezeException(flags.region() + ": \"" + region + "\" is not an AWS region name like \"us-east-1\"");
        }
        URI endpoint = endpointUrl == null ? null : endpoint(endpointUrl, flags);
        String chosen = region != null ? region : configRegion;
        if (local) {
            if (profile != null) {
                throw new JavezeException(flags.profile() + " cannot be combined with " + flags.local()
                        + " (the local cloud takes fixed credentials)");
            }
            return new Validated(AwsTarget.local(endpoint != null ? endpoint : DEFAULT_LOCAL_ENDPOINT, chosen), endpoint == null, flags);
        }
        return new Validated(new AwsTarget(chosen, profile, endpoint, false), false, flags);
    }

    private static URI endpoint(String given, TargetFlags flags) {
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new JavezeException(flags.endpointUrl() + ": \"" + given + "\" is not an http(s) URL");
        }
        return uri;
    }

    private static void requireListening(URI endpoint, String flag) {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), 2_000);
        } catch (IOException e) {
            throw new JavezeException(flag + ": the local cloud is not running at " + endpoint + ": start it with `javeze local start`");
        }
    }
}
