package io.javeze.aws;

import java.net.URI;

/**
 * Where AWS calls go. Region resolution order: {@code --region}, then javeze.toml, then the SDK's chain.
 *
 * @param region      explicit region or null to let the SDK's region chain decide
 * @param profile     named profile from the shared config files, or null for the default credential chain
 * @param endpointUrl any AWS-compatible endpoint (the local cloud, LocalStack, ...), or null for AWS itself
 * @param local       true for javeze's embedded local cloud: fixed dummy credentials, loopback endpoint
 */
public record AwsTarget(String region, String profile, URI endpointUrl, boolean local) {

    public static final String LOCAL_REGION = "us-east-1";
    /** The local cloud accepts any access key signed with the secret {@code test}, as LocalStack and moto do. */
    public static final String LOCAL_ACCESS_KEY = "test";
    public static final String LOCAL_SECRET_KEY = "test";

    public static AwsTarget aws(String region, String profile) {
        return new AwsTarget(region, profile, null, false);
    }

    public static AwsTarget local(URI endpoint, String region) {
        return new AwsTarget(region == null ? LOCAL_REGION : region, null, endpoint, true);
    }

    public AwsTarget withRegionFallback(String fallback) {
        return region != null || fallback == null ? this : new AwsTarget(fallback, profile, endpointUrl, local);
    }
}
