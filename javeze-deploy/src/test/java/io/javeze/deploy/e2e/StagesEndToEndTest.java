package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.Naming;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.lease.DeployLease;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.packages.FreshPackages;
import io.javeze.deploy.packages.PackageEntry;
import io.javeze.deploy.packages.Packages;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.Http;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;

/**
 * Stages on the local cloud, over loopback HTTP, with a one-route app whose answer comes from its environment (so a
 * change needs no rebuild): a deployment made before stages is adopted, three concurrent deploys make one API, two
 * stages live side by side, rollback, removal of one stage, and a copied project under another service name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StagesEndToEndTest {
    static final String SERVICE = "e2e-stages";
    static final String ROUTE = "GET /hello/{word}";

    @TempDir
    static Path temp;

    static Path project;
    static LocalCloud cloud;
    static CallCounter counter;
    static LocalClients local;

    @BeforeAll
    static void buildAndStart() throws Exception {
        project = Files.createDirectories(temp.resolve("project"));
        writeConfig(project, SERVICE, "Hello");
        Files.writeString(project.resolve("pom.xml"), TestApp.POM);
        Path source = project.resolve("src/main/java/app/Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package app;

                import io.javeze.Route;

                public final class Hello {
                    private Hello() {}

                    @Route(method = "GET", path = "/hello/{word}")
                    public static String hello(String word) {
                        return System.getenv("GREETING") + ", " + word + "!";
                    }
                }
                """);
        FreshPackages.ensure(project, JavezeConfig.load(project), new FreshPackages.Settings(true, false, line -> {}));
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
        counter = new CallCounter();
        local = new LocalClients(cloud.endpoint(), counter);
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
        if (cloud != null) cloud.close();
    }

    static void writeConfig(Path dir, String service, String greeting) throws Exception {
        writeConfig(dir, service, greeting, false);
    }

    static void writeConfig(Path dir, String service, String greeting, boolean snapStart) throws Exception {
        Files.writeString(dir.resolve("javeze.toml"), """
                service_name = "%s"

                [deployment]
                region = "us-east-1"

                [lambda]
                memory_size = 256
                timeout = 10
                environment = { GREETING = "%s" }
                """.formatted(service, greeting) + (snapStart ? "snap_start = true\n" : ""));
    }

    static Deployer deployer() {
        return new Deployer(local.clients, new Deployer.Options(8, StepListener.NONE, null,
                new DeployLease.Settings(Duration.ofSeconds(20), Duration.ofSeconds(240))));
    }

    static DeployReport deploy(Path dir, String stage) {
        try (Deployer d = deployer()) {
            return d.deploy(dir, false, stage);
        }
    }

    static String hello(DeployReport report) throws Exception {
        String url = report.endpoints().get(0).url().replace("{word}", "you");
        Http.Reply reply = Http.get(url);
        assertThat(reply.status()).as(url + ": " + reply.body()).isEqualTo(200);
        return reply.body();
    }

    static List<Api> apis(String service, String stage) {
        return local.clients.apiGateway().getApis().items().stream().filter(a -> OwnershipTags.ownedBy(a.tags(), service, stage)).toList();
    }

    static DeployReport prod;

    /** What the version before stages left: unstaged names, an API whose integration invokes $LATEST, unqualified permissions. */
    @Test
    @Order(1)
    void aDeploymentMadeBeforeStagesIsAdoptedByItsStageAndRefusedByAnother() throws Exception {
        var lambda = local.clients.lambda();
        var apigw = local.clients.apiGateway();
        String account = local.clients.sts().getCallerIdentity().account();
        Arns arns = new Arns("aws", local.clients.region(), account);
        Manifest manifest = ManifestStore.read(project);
        FunctionSpec fn = manifest.functions().get(0);
        PackageEntry pkg = Packages.read(project).require(fn.name());
        Map<String, String> legacyTags = Map.of(OwnershipTags.SERVICE, SERVICE, OwnershipTags.STAGE, "prod", OwnershipTags.MANAGED_BY, "javeze");
        String legacyRole = SERVICE + "-role-" + Naming.sha256Hex("basic").substring(0, 10);
        local.clients.iam().createRole(b -> b.roleName(legacyRole).assumeRolePolicyDocument(Policies.lambdaTrust())
                .tags(legacyTags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        byte[] zip = Files.readAllBytes(pkg.file());
        // the package's jars, which that version bundled, are in the build's layer now: attach it under another name
        byte[] layerZip = Files.readAllBytes(pkg.layer().file());
        String layer = lambda.publishLayerVersion(b -> b.layerName("legacy-jars")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip)))).layerVersionArn();
        lambda.createFunction(b -> b.functionName(fn.lambdaName()).runtime("java21").handler(fn.handler()).role(arns.role(legacyRole))
                .memorySize(256).timeout(10).environment(e -> e.variables(Map.of("GREETING", "Hello"))).tags(legacyTags)
                .layers(layer).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        String apiId = apigw.createApi(b -> b.name(SERVICE + "-prod").protocolType("HTTP").tags(legacyTags)).apiId();
        String integration = apigw.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY")
                .integrationUri(arns.function(fn.lambdaName())).payloadFormatVersion("2.0")).integrationId();
        apigw.createRoute(b -> b.apiId(apiId).routeKey(ROUTE).target("integrations/" + integration));
        apigw.createStage(b -> b.apiId(apiId).stageName("prod").autoDeploy(true));
        String legacySid = "javeze-route-" + Naming.sha256Hex(ROUTE).substring(0, 16);
        lambda.addPermission(b -> b.functionName(fn.lambdaName()).statementId(legacySid).action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(arns.routeSource(apiId, "GET", "/hello/{word}")));
        ObjectNode record = ManifestStore.json().createObjectNode().put("schema", 1).put("region", local.clients.region())
                .put("account", account).put("stage", "prod").put("apiId", apiId);
        ManifestStore.write(project, manifest.withDeployed(record));
        String endpoint = apigw.getApi(b -> b.apiId(apiId)).apiEndpoint();
        assertThat(Http.get(endpoint + "/prod/hello/you").body()).isEqualTo("Hello, you!");

        counter.reset();
        assertThatThrownBy(() -> deploy(project, "dev")).isInstanceOf(JavezeException.class)
                .hasMessageContaining("still serves stage prod").hasMessageContaining("javeze deploy --stage prod");
        assertThat(counter.writes()).as("refused before any change").isEmpty();

        prod = deploy(project, "prod");

        assertThat(prod.apiId()).as("the API and its URL are kept").isEqualTo(apiId);
        assertThat(hello(prod)).isEqualTo("Hello, you!");
        assertThat(lambda.getAlias(b -> b.functionName(fn.lambdaName()).name("prod")).functionVersion()).isEqualTo("1");
        assertThat(apigw.getIntegrations(b -> b.apiId(apiId)).items()).extracting(i -> i.integrationUri())
                .containsExactly(arns.function(fn.lambdaName(), "prod"));
        assertThat(lambda.getFunction(b -> b.functionName(fn.lambdaName())).tags()).doesNotContainKey(OwnershipTags.STAGE);
        assertThat(lambda.getPolicy(b -> b.functionName(fn.lambdaName())).policy()).doesNotContain(legacySid);
        assertThat(local.clients.iam().listRoles().roles()).extracting(r -> r.roleName()).doesNotContain(legacyRole);
        Deployed recorded = DeployedRecorder.read(ManifestStore.read(project), "prod");
        assertThat(recorded.functions()).containsEntry(fn.lambdaName(), arns.function(fn.lambdaName(), "prod"));
        assertThat(recorded.roles()).isNotEmpty();
        assertThat(recorded.routes()).containsKey(ROUTE);
        assertThat(recorded.history()).hasSize(1);
    }

    @Test
    @Order(2)
    void threeConcurrentDeploysOfOneStageMakeOneApiAndAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<DeployReport>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit((Callable<DeployReport>) () -> deploy(project, "qa")));
            }
            List<DeployReport> reports = new ArrayList<>();
            for (Future<DeployReport> run : runs) reports.add(run.get());

            assertThat(apis(SERVICE, "qa")).hasSize(1);
            assertThat(reports).extracting(DeployReport::apiId).containsOnly(apis(SERVICE, "qa").get(0).apiId());
            for (DeployReport r : reports) assertThat(hello(r)).isEqualTo("Hello, you!");
        } finally {
            pool.shutdownNow();
        }
        try (Deployer d = deployer()) {
            d.remove(project, false, false, "qa");
        }
        assertThat(apis(SERVICE, "qa")).isEmpty();
        assertThat(hello(prod)).isEqualTo("Hello, you!");
    }

    @Test
    @Order(3)
    void twoStagesSideBySideChangeRollBackAndGoIndependently() throws Exception {
        DeployReport dev = deploy(project, "dev");
        assertThat(dev.apiId()).isNotEqualTo(prod.apiId());
        assertThat(hello(dev)).isEqualTo("Hello, you!");

        writeConfig(project, SERVICE, "Howdy");
        dev = deploy(project, "dev");
        assertThat(hello(dev)).isEqualTo("Howdy, you!");
        assertThat(hello(prod)).as("prod serves what it served").isEqualTo("Hello, you!");

        counter.reset();
        DeployReport back;
        try (Deployer d = deployer()) {
            back = d.rollback(project, "dev", null);
        }
        assertThat(counter.writes()).containsExactly("Lambda.UpdateAlias");
        assertThat(back.plan()).singleElement().satisfies(l -> assertThat(l).startsWith("~ move alias " + SERVICE + "-hello:dev"));
        assertThat(hello(dev)).isEqualTo("Hello, you!");
        assertThat(hello(prod)).isEqualTo("Hello, you!");
        try (Deployer d = deployer()) {
            assertThatThrownBy(() -> d.rollback(project, "dev", null)).isInstanceOf(JavezeException.class)
                    .hasMessageContaining("nothing to roll back to");
            d.rollback(project, "dev", 2);
        }
        assertThat(hello(dev)).isEqualTo("Howdy, you!");

        try (Deployer d = deployer()) {
            d.remove(project, false, false, "dev");
        }
        assertThat(apis(SERVICE, "dev")).isEmpty();
        assertThat(hello(prod)).as("removing dev leaves prod answering").isEqualTo("Hello, you!");
        String fn = SERVICE + "-hello";
        assertThat(local.clients.lambda().listAliases(b -> b.functionName(fn)).aliases()).extracting(a -> a.name()).containsExactly("prod");
        // $LATEST's description names the stage that configured it last (dev here): what a code-only publish inherits
        assertThat(local.clients.lambda().listVersionsByFunction(b -> b.functionName(fn)).versions())
                .filteredOn(v -> !"$LATEST".equals(v.version()))
                .extracting(v -> v.description()).filteredOn(d -> d != null && d.contains("dev")).isEmpty();
        writeConfig(project, SERVICE, "Hello");
    }

    @Test
    @Order(4)
    void aCopiedProjectWithANewServiceNameLeavesTheOriginalUntouched() throws Exception {
        Path copy = temp.resolve("copy");
        try (Stream<Path> files = Files.walk(project)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(project.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        String other = "e2e-copied";
        writeConfig(copy, other, "Copy");
        Manifest m = ManifestStore.read(copy); // still records the original's API id
        ManifestStore.write(copy, new Manifest(m.version(), other, m.functions().stream().map(f -> new FunctionSpec(f.name(),
                Naming.lambdaFunctionName(other, f.name()), f.kind(), f.handler(), f.source(), f.memorySize(), f.timeout(),
                f.publishes())).toList(), m.routes(), m.authorizers(), m.topics(), m.schemas(), m.deployed()));

        DeployReport copied = deploy(copy, null);

        assertThat(copied.apiId()).isNotEqualTo(prod.apiId());
        assertThat(hello(copied)).isEqualTo("Copy, you!");
        assertThat(hello(prod)).isEqualTo("Hello, you!");
        try (Deployer d = deployer()) {
            d.remove(copy, false, false, null);
        }
        assertThat(apis(SERVICE, "prod")).extracting(Api::apiId).containsExactly(prod.apiId());
        assertThat(hello(prod)).isEqualTo("Hello, you!");
    }

    /** snap_start = true: the stage's alias serves a version published with SnapStart, as the AWS SDK reads it. */
    @Test
    @Order(5)
    void snapStartIsOnTheVersionBehindTheStagesAliasAndTurningItOffPublishesAgain() throws Exception {
        var lambda = local.clients.lambda();
        String fn = SERVICE + "-hello";
        writeConfig(project, SERVICE, "Hello", true);
        DeployReport snap = deploy(project, "snap");

        String version = lambda.getAlias(b -> b.functionName(fn).name("snap")).functionVersion();
        var served = lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("snap"));
        assertThat(served.version()).isEqualTo(version);
        assertThat(served.description()).isEqualTo("javeze stage=snap");
        assertThat(served.snapStart().applyOn()).isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
        assertThat(served.snapStart().optimizationStatus()).isEqualTo(SnapStartOptimizationStatus.ON);
        assertThat(served.environment().variables()).containsEntry("JAVA_TOOL_OPTIONS",
                JavezeConfig.LambdaDefaults.DEFAULT_JAVA_TOOL_OPTIONS);
        var latest = lambda.getFunctionConfiguration(b -> b.functionName(fn)).snapStart();
        assertThat(latest.applyOn()).isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
        assertThat(latest.optimizationStatus()).as("$LATEST is never optimized").isEqualTo(SnapStartOptimizationStatus.OFF);
        assertThat(hello(snap)).as("the SnapStart instance ran the hooks and serves").isEqualTo("Hello, you!");
        assertThat(hello(prod)).as("prod's version is untouched").isEqualTo("Hello, you!");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("prod")).snapStart().optimizationStatus())
                .isEqualTo(SnapStartOptimizationStatus.OFF);

        assertThat(deploy(project, "snap").plan()).as("unchanged: nothing to do").isEmpty();
        assertThat(lambda.getAlias(b -> b.functionName(fn).name("snap")).functionVersion()).isEqualTo(version);

        writeConfig(project, SERVICE, "Hello", false);
        DeployReport off = deploy(project, "snap");
        assertThat(off.plan()).as("the setting's change is planned").isNotEmpty();
        var now = lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("snap"));
        assertThat(now.version()).isNotEqualTo(version);
        assertThat(now.snapStart().applyOn()).isEqualTo(SnapStartApplyOn.NONE);
        assertThat(now.snapStart().optimizationStatus()).isEqualTo(SnapStartOptimizationStatus.OFF);
        assertThat(hello(off)).isEqualTo("Hello, you!");
        try (Deployer d = deployer()) {
            d.remove(project, false, false, "snap");
        }
        writeConfig(project, SERVICE, "Hello");
    }
}
