package io.javeze.maven;

import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import java.net.URI;

/** Where javeze:deploy and javeze:remove go, from the goals' region / profile / endpointUrl / local parameters. */
final class AppTarget {
    static final URI DEFAULT_LOCAL_ENDPOINT = URI.create("http://127.0.0.1:4566");

    private AppTarget() {}

    static AwsTarget of(JavezeConfig config, String region, String profile, String endpointUrl, boolean local) {
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
}
