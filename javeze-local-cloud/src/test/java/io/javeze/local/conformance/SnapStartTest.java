package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FixturePackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;

/**
 * SnapStart as Lambda reports it (ApplyOn on the configuration, OptimizationStatus On on published versions only), and
 * the runtime hooks of a SnapStart version run in each new instance before its first invocation, with the real executor.
 */
class SnapStartTest {
    @TempDir
    Path dir;

    @Test
    void snapStartVersionsRunTheCracHooksBeforeTheFirstInvocationAndAFailingHookFailsTheInstance() throws Exception {
        byte[] zip = Files.readAllBytes(FixturePackages.fixtureZip(dir));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(new StateDelays(20, 20)));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 4)) {
            var lambda = aws.lambda();
            String role = aws.iam().createRole(r -> r.roleName("primed-role").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
            lambda.createFunction(CreateFunctionRequest.builder().functionName("primed").role(role).runtime(Runtime.JAVA21)
                    .handler("io.javeze.local.exec.fixtures.Primed::handleRequest").timeout(30)
                    .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("primed"));

            var latest = lambda.getFunctionConfiguration(r -> r.functionName("primed")).snapStart();
            assertThat(latest.applyOn()).isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
            assertThat(latest.optimizationStatus()).isEqualTo(SnapStartOptimizationStatus.OFF);
            String v1 = lambda.publishVersion(r -> r.functionName("primed")).version();
            var published = lambda.getFunctionConfiguration(r -> r.functionName("primed").qualifier(v1)).snapStart();
            assertThat(published.applyOn()).isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
            assertThat(published.optimizationStatus()).isEqualTo(SnapStartOptimizationStatus.ON);

            JsonNode snap = invoke(aws, "primed:" + v1);
            assertThat(snap.get("hooks")).extracting(JsonNode::asText).containsExactly("beforeCheckpoint", "afterRestore");
            assertThat(snap.get("initType").asText()).isEqualTo("snap-start");
            JsonNode onDemand = invoke(aws, "primed");
            assertThat(onDemand.get("hooks")).as("$LATEST is never snapshotted").isEmpty();
            assertThat(onDemand.get("initType").asText()).isEqualTo("on-demand");

            // a hook that throws fails the instance start, its stack trace in the function's log, as a SnapStart init failure
            lambda.updateFunctionConfiguration(r -> r.functionName("primed").environment(e -> e.variables(Map.of("FAIL_HOOK", "beforeCheckpoint"))));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("primed"));
            String v2 = lambda.publishVersion(r -> r.functionName("primed")).version();
            var failed = lambda.invoke(r -> r.functionName("primed").qualifier(v2).payload(SdkBytes.fromUtf8String("{}")));
            assertThat(failed.functionError()).isEqualTo("Unhandled");
            assertThat(failed.payload().asUtf8String()).contains("CheckpointException");
            long deadline = System.currentTimeMillis() + 5_000;
            boolean traced = false;
            while (!traced && System.currentTimeMillis() < deadline) {
                traced = aws.logs().filterLogEvents(r -> r.logGroupName("/aws/lambda/primed")).events().stream()
                        .anyMatch(e -> e.message().contains("priming failed in beforeCheckpoint"));
                if (!traced) Thread.sleep(100);
            }
            assertThat(traced).as("the hook's stack trace is in the function's log").isTrue();

            // turned off, the next version is not optimized; Lambda refuses SnapStart for runtimes without it
            lambda.updateFunctionConfiguration(r -> r.functionName("primed").snapStart(s -> s.applyOn(SnapStartApplyOn.NONE)));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("primed"));
            String v3 = lambda.publishVersion(r -> r.functionName("primed")).version();
            assertThat(lambda.getFunctionConfiguration(r -> r.functionName("primed").qualifier(v3)).snapStart().optimizationStatus())
                    .isEqualTo(SnapStartOptimizationStatus.OFF);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("primed")
                            .runtime(Runtime.PROVIDED_AL2023).snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))))
                    .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("SnapStart is not supported");
        }
    }

    private static JsonNode invoke(AwsClients aws, String function) throws Exception {
        var out = aws.lambda().invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String("{}")));
        assertThat(out.functionError()).as(out.payload().asUtf8String()).isNull();
        return RealExecutionTest.JSON.readTree(out.payload().asUtf8String());
    }
}
