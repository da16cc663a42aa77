package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.lambda.LambdaLocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Control-plane calls on different functions run in parallel, as a deploy makes them; calls on one function queue. */
class LambdaConcurrencyTest {
    @TempDir
    Path dir;

    private static CreateFunctionRequest create(String name, String role) {
        return CreateFunctionRequest.builder().functionName(name).role(role).runtime(Runtime.JAVA21)
                .handler("com.example.Hello::handleRequest").environment(e -> e.variables(Map.of("NAME", name)))
                .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(CloudFixture.zip(Map.of("x/" + name + ".class", name))))
                        .build()).build();
    }

    @Test
    void functionsCreatedByParallelClientsAllExistWithTheirOwnConfiguration() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (CloudFixture fx = new CloudFixture(dir)) {
            String role = fx.createRole("deploy-role");
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "parallel-" + i;
                created.add(clients.submit(() -> fx.aws.lambda().createFunction(create(name, role))));
            }
            for (Future<?> f : created) {
                f.get(120, TimeUnit.SECONDS);
            }
            List<FunctionConfiguration> listed = fx.aws.lambda().listFunctionsPaginator().functions().stream().toList();
            assertThat(listed).hasSize(24).allSatisfy(f -> {
                assertThat(f.environment().variables()).containsEntry("NAME", f.functionName());
                assertThat(f.codeSize()).isPositive();
            });
        } finally {
            clients.shutdownNow();
        }
        try (CloudFixture restarted = new CloudFixture(dir)) {
            assertThat(restarted.aws.lambda().listFunctionsPaginator().functions().stream().map(FunctionConfiguration::functionName))
                    .as("every acknowledged create survives a restart").hasSize(24);
        }
    }

    @Test
    void anUpdateOfOneFunctionIsNotHeldUpByAnotherFunctionsLock() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (CloudFixture fx = new CloudFixture(dir)) {
            String role = fx.createRole("lock-role");
            fx.aws.lambda().createFunction(create("fn-a", role));
            fx.aws.lambda().createFunction(create("fn-b", role));
            fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("fn-a"));
            fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("fn-b"));
            Future<?> onB;
            try (LambdaLocks held = LambdaLocks.hold(fx.cloud.lambda(), "fn-b")) {
                onB = clients.submit(() -> fx.aws.lambda().tagResource(r -> r.resource(arn("fn-b")).tags(Map.of("second", "yes"))));
                Future<?> onA = clients.submit(() -> fx.aws.lambda().updateFunctionConfiguration(r -> r.functionName("fn-a").timeout(9)));
                onA.get(60, TimeUnit.SECONDS); // would never finish if fn-a waited for fn-b's lock
                assertThat(fx.aws.lambda().getFunctionConfiguration(r -> r.functionName("fn-a")).timeout()).isEqualTo(9);
                assertThat(fx.aws.lambda().getFunction(r -> r.functionName("fn-b")).configuration().functionName())
                        .as("fn-b stays readable").isEqualTo("fn-b");
                assertThat(onB).as("a change to fn-b waits for fn-b's lock").isNotDone();
            }
            onB.get(60, TimeUnit.SECONDS);
            assertThat(fx.aws.lambda().listTags(r -> r.resource(arn("fn-b"))).tags()).containsEntry("second", "yes");
        } finally {
            clients.shutdownNow();
        }
    }

    private static String arn(String name) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }
}
