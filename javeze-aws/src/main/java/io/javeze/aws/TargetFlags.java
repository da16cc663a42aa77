package io.javeze.aws;

/** How a front end names the four target settings in its error messages: CLI flags or Maven parameters. */
public record TargetFlags(String region, String profile, String endpointUrl, String local) {
    public static final TargetFlags CLI = new TargetFlags("--region", "--profile", "--endpoint-url", "--local");
    public static final TargetFlags MAVEN = new TargetFlags("javeze.region", "javeze.profile", "javeze.endpointUrl", "javeze.local");
}
