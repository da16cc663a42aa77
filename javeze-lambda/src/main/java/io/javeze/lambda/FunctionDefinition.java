package io.javeze.lambda;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.SnapStart;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * What a new function is created with. Optional settings are null when not given (AWS's default applies).
 *
 * @param architecture {@code x86_64} or {@code arm64}
 * @param subnetIds with {@code securityGroupIds}: the VPC the function runs in; null for none
 * @param snapStart true: published versions get SnapStart ({@code ApplyOn: PublishedVersions}); null: not set
 */
public record FunctionDefinition(String name, String runtime, String handler, String roleArn, Integer memorySize,
                                 Integer timeout, String architecture, Map<String, String> environment,
                                 Map<String, String> tags, String tracingMode, List<String> layers,
                                 List<String> subnetIds, List<String> securityGroupIds, Boolean snapStart) {

    public FunctionDefinition(String name, String runtime, String handler, String roleArn, Integer memorySize, Integer timeout,
                              String architecture, Map<String, String> environment, Map<String, String> tags,
                              String tracingMode, List<String> layers, List<String> subnetIds, List<String> securityGroupIds) {
        this(name, runtime, handler, roleArn, memorySize, timeout, architecture, environment, tags, tracingMode, layers,
                subnetIds, securityGroupIds, null);
    }

    /** A function outside any VPC. */
    public FunctionDefinition(String name, String runtime, String handler, String roleArn, Integer memorySize, Integer timeout,
                              String architecture, Map<String, String> environment, Map<String, String> tags,
                              String tracingMode, List<String> layers) {
        this(name, runtime, handler, roleArn, memorySize, timeout, architecture, environment, tags, tracingMode, layers, null, null);
    }

    CreateFunctionRequest toCreateRequest(PackageCode code) {
        CreateFunctionRequest.Builder b = CreateFunctionRequest.builder()
                .functionName(name)
                .runtime(runtime)
                .handler(handler)
                .role(roleArn)
                .memorySize(memorySize)
                .timeout(timeout)
                .architectures(Architecture.fromValue(architecture))
                .code(code.toFunctionCode());
        if (environment != null) b.environment(e -> e.variables(environment));
        if (tags != null && !tags.isEmpty()) b.tags(tags);
        if (tracingMode != null) b.tracingConfig(t -> t.mode(tracingMode));
        if (layers != null) b.layers(layers);
        if (subnetIds != null) b.vpcConfig(v -> v.subnetIds(subnetIds).securityGroupIds(securityGroupIds));
        if (snapStart != null) b.snapStart(snapStart(snapStart));
        return b.build();
    }

    /** Whether Lambda offers SnapStart for the runtime (Java 11 and later managed runtimes). */
    public static boolean supportsSnapStart(String runtime) {
        return runtime != null && runtime.startsWith("java") && !runtime.startsWith("java8");
    }

    /** Lambda's SnapStart setting: on for published versions, or off ({@code None}). */
    public static SnapStart snapStart(boolean on) {
        return SnapStart.builder().applyOn(on ? SnapStartApplyOn.PUBLISHED_VERSIONS : SnapStartApplyOn.NONE).build();
    }
}
