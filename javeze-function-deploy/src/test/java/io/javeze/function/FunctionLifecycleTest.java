package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/** Create, then change one option per run: only that setting changes remotely, the rest stays. */
class FunctionLifecycleTest {
    private static final String HANDLER = "io.javeze.function.fixtures.HelloHandler::handleRequest";

    @TempDir
    static Path dir;
    static LocalCloudFixture local;
    static Path codeA;
    static Path codeB;

    @BeforeAll
    static void start() throws Exception {
        local = new LocalCloudFixture(dir.resolve("cloud"));
        codeA = TestPackages.hello(dir, "a");
        codeB = TestPackages.hello(dir, "b");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static GetFunctionConfigurationResponse config(String name) {
        return lambda().getFunctionConfiguration(r -> r.functionName(name));
    }

    private static LambdaClient lambda() {
        return local.aws.lambda();
    }

    private static Map<String, String> env(String name) {
        GetFunctionConfigurationResponse c = config(name);
        return c.environment() == null ? Map.of() : c.environment().variables();
    }

    @Test
    void createsWithDefaultsThenChangesExactlyTheSettingGivenEachRun() throws Exception {
        String fn = "lifecycle";
        DeployResult created = local.deploy(fn, codeA, o -> {});
        assertThat(created.action()).isEqualTo("created");
        GetFunctionConfigurationResponse c = config(fn);
        assertThat(c.stateAsString()).isEqualTo("Active");
        assertThat(c.handler()).isEqualTo(HANDLER);
        assertThat(c.runtimeAsString()).isEqualTo("java21");
        assertThat(c.memorySize()).isEqualTo(512);
        assertThat(c.timeout()).isEqualTo(30);
        assertThat(c.architecturesAsStrings()).containsExactly("x86_64");
        assertThat(c.codeSha256()).isEqualTo(created.codeSha256());
        assertThat(created.functionArn()).endsWith(":function:" + fn);
        // the default execution role exists and may only write logs
        String roleName = DefaultRole.roleName(fn);
        assertThat(c.role()).endsWith(":role/" + roleName);
        assertThat(local.aws.iam().listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");

        DeployResult again = local.deploy(fn, codeA, o -> {});
        assertThat(again.action()).isEqualTo("unchanged");
        assertThat(again.changes()).isEmpty();

        assertThat(local.deploy(fn, codeA, o -> o.memory = 1024).changes()).containsExactly("update configuration: memory 512 -> 1024 MB");
        assertThat(config(fn).memorySize()).isEqualTo(1024);
        assertThat(config(fn).timeout()).isEqualTo(30);

        local.deploy(fn, codeA, o -> o.timeout = 120);
        assertThat(config(fn).timeout()).isEqualTo(120);
        assertThat(config(fn).memorySize()).isEqualTo(1024);

        local.deploy(fn, codeA, o -> o.tracing = "active");
        assertThat(config(fn).tracingConfig().modeAsString()).isEqualTo("Active");

        local.deploy(fn, codeA, o -> o.runtime = "java17");
        assertThat(config(fn).runtimeAsString()).isEqualTo("java17");

        local.deploy(fn, codeA, o -> o.envVars = "MODE=1,LEVEL=2");
        assertThat(env(fn)).isEqualTo(Map.of("MODE", "1", "LEVEL", "2"));
        local.deploy(fn, codeA, o -> {
            o.envVar = List.of("NOTE=3,with comma");
            o.mergeEnv = true;
        });
        assertThat(env(fn)).isEqualTo(Map.of("MODE", "1", "LEVEL", "2", "NOTE", "3,with comma"));
        Path envFile = Files.writeString(dir.resolve("prod.env"), "# production\n\nGREETING=hi\n");
        local.deploy(fn, codeA, o -> o.envFile = envFile);
        assertThat(env(fn)).isEqualTo(Map.of("GREETING", "hi"));

        local.deploy(fn, codeA, o -> o.tags = "team=web,cost=42");
        assertThat(lambda().listTags(r -> r.resource(created.functionArn())).tags()).containsEntry("team", "web").containsEntry("cost", "42");
        local.deploy(fn, codeA, o -> o.tag = List.of("team=api"));
        assertThat(lambda().listTags(r -> r.resource(created.functionArn())).tags()).containsEntry("team", "api").containsEntry("cost", "42");

        String otherRole = local.aws.iam().createRole(r -> r.roleName("hand-made").assumeRolePolicyDocument(io.javeze.lambda.ExecutionRoles.TRUST_POLICY))
                .role().arn();
        local.deploy(fn, codeA, o -> o.iamRole = otherRole);
        assertThat(config(fn).role()).isEqualTo(otherRole);
        local.deploy(fn, codeA, o -> {});
        assertThat(config(fn).role()).as("the role changes only when given").isEqualTo(otherRole);

        local.deploy(fn, codeA, o -> o.handler = "io.javeze.function.fixtures.HelloHandler");
        assertThat(config(fn).handler()).isEqualTo("io.javeze.function.fixtures.HelloHandler");

        DeployResult newCode = local.deploy(fn, codeB, o -> {});
        assertThat(newCode.changes()).singleElement().asString().startsWith("update code");
        assertThat(config(fn).codeSha256()).isEqualTo(newCode.codeSha256()).isNotEqualTo(created.codeSha256());
        GetFunctionConfigurationResponse last = config(fn);
        assertThat(last.memorySize()).isEqualTo(1024);
        assertThat(last.timeout()).isEqualTo(120);
        assertThat(last.runtime()).hasToString("java17");
        assertThat(env(fn)).isEqualTo(Map.of("GREETING", "hi"));

        local.deploy(fn, codeB, o -> o.logRetention = 14);
        assertThat(local.aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + fn)).logGroups())
                .singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(14));
    }

    @Test
    void descriptionPublishesAVersionAndTheAliasFollowsIt() {
        String fn = "versions";
        DeployResult v1 = local.deploy(fn, codeA, o -> {
            o.description = "first";
            o.alias = "live";
        });
        assertThat(v1.version()).isEqualTo("1");
        assertThat(lambda().getAlias(r -> r.functionName(fn).name("live")).functionVersion()).isEqualTo("1");
        assertThat(lambda().getFunctionConfiguration(r -> r.functionName(fn).qualifier("1")).description()).isEqualTo("first");

        DeployResult v2 = local.deploy(fn, codeB, o -> {
            o.description = "second";
            o.alias = "live";
        });
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.changes()).contains("move alias live 1 -> 2");
        assertThat(lambda().getAlias(r -> r.functionName(fn).name("live")).functionVersion()).isEqualTo("2");
        assertThat(lambda().getFunctionConfiguration(r -> r.functionName(fn).qualifier("1")).codeSha256()).isEqualTo(v1.codeSha256());
    }

    @Test
    void snapStartIsSetOnThePublishedVersionAndCanBeTurnedOff() {
        String fn = "snappy";
        DeployResult v1 = local.deploy(fn, codeA, o -> {
            o.alias = "live";
            o.snapStart = true;
        });
        var served = lambda().getFunctionConfiguration(r -> r.functionName(fn).qualifier("live"));
        assertThat(served.version()).isEqualTo(v1.version());
        assertThat(served.snapStart().applyOnAsString()).isEqualTo("PublishedVersions");
        assertThat(served.snapStart().optimizationStatusAsString()).isEqualTo("On");

        DeployResult off = local.deploy(fn, codeA, o -> {
            o.alias = "live";
            o.snapStart = false;
        });
        assertThat(off.changes()).contains("update configuration: SnapStart PublishedVersions -> None");
        assertThat(lambda().getFunctionConfiguration(r -> r.functionName(fn).qualifier("live")).snapStart().optimizationStatusAsString())
                .isEqualTo("Off");
    }

    @Test
    void customRuntimePackageDeploysOnTheArchitectureOfItsBootstrap() throws Exception {
        Path arm = TestPackages.bootstrap(dir, 0xB7);
        DeployResult created = local.deploy("native-arm", arm, o -> {});
        assertThat(created.architecture()).isEqualTo("arm64");
        GetFunctionConfigurationResponse c = config("native-arm");
        assertThat(c.architecturesAsStrings()).containsExactly("arm64");
        assertThat(c.runtimeAsString()).isEqualTo("provided.al2023");
        assertThat(c.handler()).isEqualTo("bootstrap");

        DeployResult x86 = local.deploy("native-arm", TestPackages.bootstrap(dir, 0x3E), o -> {});
        assertThat(x86.changes()).singleElement().asString().contains("arm64 -> x86_64");
        assertThat(config("native-arm").architecturesAsStrings()).containsExactly("x86_64");
    }

    @Test
    void dryRunReportsTheChangeWithoutMakingIt() {
        String fn = "dry";
        DeployResult planned = local.deploy(fn, codeA, o -> o.dryRun = true);
        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.changes()).anySatisfy(c -> assertThat(c).startsWith("create function dry"));
        assertThat(lambda().listFunctions().functions()).noneMatch(f -> f.functionName().equals(fn));

        local.deploy(fn, codeA, o -> {});
        DeployResult memory = local.deploy(fn, codeA, o -> {
            o.memory = 2048;
            o.dryRun = true;
        });
        assertThat(memory.changes()).containsExactly("update configuration: memory 512 -> 2048 MB");
        assertThat(config(fn).memorySize()).isEqualTo(512);
    }

    @Test
    void vpcAndRetryAttemptsArePartOfTheCreatePlan() {
        DeployResult planned = local.deploy("in-vpc", codeA, o -> {
            o.subnetIds = "subnet-0123456789abcdef0";
            o.securityGroupIds = "sg-0123456789abcdef0";
            o.retryAttempts = 1;
            o.dryRun = true;
        });

        assertThat(planned.changes()).contains(
                "create function in-vpc (java21, x86_64, in VPC subnets [subnet-0123456789abcdef0] with [sg-0123456789abcdef0])",
                "set maximum retry attempts 1");
    }
}
