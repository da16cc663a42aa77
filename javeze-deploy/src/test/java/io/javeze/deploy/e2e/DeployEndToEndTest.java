package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.build.PackageIndex;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.record.Deployed;
import io.javeze.deploy.record.DeployedRecorder;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.Http;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.Api;

/**
 * Deploys a real app (compiled with the processor, packaged by javeze-build) to an in-process local cloud and
 * uses it over HTTP; each test builds on the previous one's deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployEndToEndTest {
    static final String SERVICE = "e2e-shop";

    @TempDir
    static Path temp;

    static TestApp app;
    static LocalCloud cloud;
    static CallCounter counter;
    static LocalClients local;
    static DeployReport last;

    @BeforeAll
    static void buildAndStart() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        app = new TestApp(project).write(SERVICE);
        app.build();
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
        counter = new CallCounter();
        local = new LocalClients(cloud.endpoint(), counter);
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
        if (cloud != null) cloud.close();
    }

    static DeployReport deploy() {
        counter.reset();
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            last = deployer.deploy(app.dir(), false);
            return last;
        }
    }

    static DeployReport remove() {
        counter.reset();
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            return deployer.remove(app.dir(), false, true);
        }
    }

    static String url(String routeKey) {
        return last.endpoints().stream().filter(e -> (e.method() + " " + e.path()).equals(routeKey)).findFirst()
                .orElseThrow().url();
    }

    @Test
    @Order(1)
    void coldDeployAnswersOnThePrintedUrls() throws Exception {
        DeployReport dry;
        try (Deployer deployer = new Deployer(local.clients, Deployer.Options.defaults())) {
            counter.reset();
            dry = deployer.deploy(app.dir(), true);
        }
        assertThat(counter.writes()).as("dry run changes nothing").isEmpty();
        assertThat(dry.plan()).anyMatch(l -> l.startsWith("+ create function e2e-shop-hello"));

        DeployReport report = deploy();

        assertThat(counter.all()).as("functions ListFunctions showed absent are not read one by one")
                .doesNotContain("Lambda.GetFunction", "Lambda.GetPolicy", "Lambda.ListAliases")
                .as("CreateFunction names the version it published: no version listing before the alias")
                .doesNotContain("Lambda.ListVersionsByFunction");
        assertThat(counter.all()).filteredOn("Lambda.CreateAlias"::equals).hasSize(5);
        assertThat(report.functions()).extracting(DeployReport.FunctionResult::action).containsOnly("created");
        assertThat(report.functions()).extracting(DeployReport.FunctionResult::name)
                .containsExactlyInAnyOrder("hello", "bearer", "secret", "place", "on-order");
        assertThat(report.apiUrl()).isEqualTo(local.clients.apiGateway().getApi(b -> b.apiId(report.apiId())).apiEndpoint() + "/prod");
        assertThat(report.endpoints()).extracting(e -> e.method() + " " + e.path())
                .containsExactlyInAnyOrder("GET /hello/{word}", "GET /secret", "POST /orders");

        Http.Reply hello = Http.get(url("GET /hello/{word}").replace("{word}", "world"));
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.body()).contains("Hello, world!");

        Deployed recorded = DeployedRecorder.read(ManifestStore.read(app.dir()), "prod");
        assertThat(recorded.apiId()).isEqualTo(report.apiId());
        assertThat(recorded.functions()).hasSize(5);
        assertThat(recorded.account()).isNotBlank();
    }

    @Test
    @Order(2)
    void protectedRouteNeedsTheToken() throws Exception {
        String secret = url("GET /secret");
        assertThat(Http.get(secret).status()).isEqualTo(401);
        assertThat(Http.get(secret, "Authorization", "Bearer wrong").status()).isEqualTo(403);
        Http.Reply ok = Http.get(secret, "Authorization", "Bearer " + TestApp.TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).contains("the secret");
    }

    @Test
    @Order(3)
    void subscriberReceivesWhatTheRoutePublishes() throws Exception {
        Http.Reply placed = Http.post(url("POST /orders"), "{\"id\":\"o-42\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String group = "/aws/lambda/" + SERVICE + "-on-order";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            try {
                seen = local.clients.logs().filterLogEvents(b -> b.logGroupName(group)).events().stream()
                        .anyMatch(e -> e.message().contains("received order o-42"));
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                seen = false;
            }
            if (!seen) Thread.sleep(250);
        }
        assertThat(seen).as("subscriber logged the order").isTrue();
    }

    @Test
    @Order(4)
    void publishingIsAccessDeniedWithoutTheRolesGrantAndWorksOnceItIsBack() throws Exception {
        String function = SERVICE + "-place";
        String roleArn = local.clients.lambda().getFunction(b -> b.functionName(function)).configuration().role();
        String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String policyName = local.clients.iam().listRolePolicies(b -> b.roleName(role)).policyNames().get(0);
        String granted = java.net.URLDecoder.decode(local.clients.iam().getRolePolicy(b -> b.roleName(role).policyName(policyName))
                .policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(granted).as("deploy grants the publisher sns:Publish on its topic").contains("sns:Publish");
        local.clients.iam().deleteRolePolicy(b -> b.roleName(role).policyName(policyName));
        try {
            Http.Reply refused = Http.post(url("POST /orders"), "{\"id\":\"o-43\"}");
            assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(500);
            String group = "/aws/lambda/" + function;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean logged = false;
            while (!logged && System.nanoTime() < deadline) {
                logged = local.clients.logs().filterLogEvents(b -> b.logGroupName(group)).events().stream()
                        .anyMatch(e -> e.message().contains("is not authorized to perform: sns:Publish on resource: arn:aws:sns:"));
                if (!logged) Thread.sleep(250);
            }
            assertThat(logged).as("the function logged SNS's AuthorizationError for its role").isTrue();
        } finally {
            local.clients.iam().putRolePolicy(b -> b.roleName(role).policyName(policyName).policyDocument(granted));
        }
        Http.Reply placed = Http.post(url("POST /orders"), "{\"id\":\"o-44\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    }

    @Test
    @Order(5)
    void redeployWithNothingChangedMakesNoWriteCalls() {
        DeployReport report;
        // with clients of its own, as a fresh `javeze deploy` process has them: it builds only the ones it calls
        try (LocalClients fresh = new LocalClients(cloud.endpoint(), counter);
             Deployer deployer = new Deployer(fresh.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            counter.reset();
            report = deployer.deploy(app.dir(), false);
            assertThat(fresh.aws.built()).as("no CloudWatch Logs client: the app sets no log retention")
                    .containsExactly("sts", "iam", "lambda", "apigateway", "sns", "sqs", "s3", "scheduler");
        }
        assertThat(counter.writes()).isEmpty();
        assertThat(counter.all()).as("one GetFunction on the stage's alias per function, no $LATEST, alias or version reads")
                .doesNotContain("Lambda.GetFunctionConfiguration", "Lambda.ListAliases", "Lambda.ListVersionsByFunction")
                .filteredOn("Lambda.GetFunction"::equals).hasSize(5);
        assertThat(report.plan()).isEmpty();
        assertThat(report.functions()).extracting(DeployReport.FunctionResult::action).containsOnly("unchanged");
    }

    @Test
    @Order(6)
    void corsFromJavezeTomlAnswersPreflightsAndGoesAwayWhenRemoved() throws Exception {
        Path toml = app.dir().resolve("javeze.toml");
        String plain = Files.readString(toml);
        Files.writeString(toml, plain + "\n[http.cors]\nallow_origins = [\"https://app.example.com\"]\n"
                + "allow_headers = [\"authorization\"]\nmax_age = 300\n");
        String hello = url("GET /hello/{word}").replace("{word}", "cors");

        DeployReport report = deploy();
        assertThat(counter.writes()).singleElement().satisfies(w -> assertThat(w).endsWith(".UpdateApi"));
        assertThat(report.plan()).singleElement().satisfies(l -> assertThat(l).contains("set the CORS configuration of HTTP API "
                + report.apiId() + " (origins https://app.example.com; headers authorization; max age 300 s)"));
        HttpResponse<String> preflight = Http.exchange(hello, "OPTIONS", null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValue("authorization");
        assertThat(preflight.headers().firstValue("access-control-max-age")).hasValue("300");
        HttpResponse<String> get = Http.exchange(hello, "GET", null, "Origin", "https://app.example.com");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("access-control-allow-origin")).hasValue("https://app.example.com");

        deploy();
        assertThat(counter.writes()).as("what API Gateway reports back is what javeze.toml says").isEmpty();

        Files.writeString(toml, plain);
        deploy();
        assertThat(counter.writes()).singleElement().satisfies(w -> assertThat(w).endsWith(".DeleteCorsConfiguration"));
        HttpResponse<String> gone = Http.exchange(hello, "OPTIONS", null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "GET");
        assertThat(gone.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    @Order(7)
    void changingOneHandlerUpdatesOnlyThatFunction() throws Exception {
        app.greeting("Howdy");
        app.build();
        // another deploy changes $LATEST between this one's read and its upload (same settings, new RevisionId)
        var lambda = local.clients.lambda();
        counter.beforeNext("Lambda.UpdateFunctionCode", () -> lambda.updateFunctionConfiguration(b -> b
                .functionName(SERVICE + "-hello").description("javeze stage=prod")));
        String servedBefore = lambda.getAlias(b -> b.functionName(SERVICE + "-hello").name("prod")).functionVersion();

        assertThatThrownBy(DeployEndToEndTest::deploy).isInstanceOf(JavezeException.class)
                .hasMessageContaining("function " + SERVICE + "-hello changed while this deploy published it").hasMessageContaining("run again");
        assertThat(lambda.getAlias(b -> b.functionName(SERVICE + "-hello").name("prod")).functionVersion()).isEqualTo(servedBefore);

        DeployReport report = deploy();

        assertThat(report.functions()).filteredOn(f -> f.action().equals("updated"))
                .extracting(DeployReport.FunctionResult::name).containsExactly("hello");
        assertThat(report.functions()).filteredOn(f -> !f.name().equals("hello"))
                .extracting(DeployReport.FunctionResult::action).containsOnly("unchanged");
        // only the code changed: one UpdateFunctionCode uploads and publishes it (no wait, no PublishVersion), the alias moves
        assertThat(counter.writes()).containsExactly("Lambda.UpdateFunctionCode", "Lambda.UpdateAlias");
        assertThat(counter.all()).doesNotContain("Lambda.PublishVersion").filteredOn("Lambda.UpdateFunctionCode"::equals).hasSize(1);
        String served = lambda.getAlias(b -> b.functionName(SERVICE + "-hello").name("prod")).functionVersion();
        var version = lambda.getFunctionConfiguration(b -> b.functionName(SERVICE + "-hello").qualifier(served));
        assertThat(version.description()).as("the version is the stage's").isEqualTo("javeze stage=prod");
        assertThat(version.codeSha256()).isEqualTo(lambda.getFunctionConfiguration(b -> b.functionName(SERVICE + "-hello")).codeSha256());
        assertThat(Http.get(url("GET /hello/{word}").replace("{word}", "you")).body()).contains("Howdy, you!");
    }

    @Test
    @Order(8)
    void aBrokenPackageTheDeployWouldUploadStopsItBeforeAnyWrite() throws Exception {
        app.greeting("Broken");
        app.build();
        Path zip = PackageIndex.read(app.dir()).get("hello").path(app.dir());
        byte[] built = Files.readAllBytes(zip);
        Files.writeString(zip, "not a zip");
        try {
            counter.reset();
            assertThatThrownBy(DeployEndToEndTest::deploy).isInstanceOf(JavezeException.class)
                    .hasMessage(zip.normalize() + ": not a readable zip file (" + notAZip(zip) + ")");
            assertThat(counter.writes()).isEmpty();
        } finally {
            Files.write(zip, built);
        }
    }

    /** What commons-compress says of a file that is not a zip. */
    private static String notAZip(Path file) {
        try (var z = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(file).get()) {
            throw new AssertionError(file + " opened as a zip");
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    @Test
    @Order(9)
    void aRouteRemovedFromTheCodeIsGoneAfterTheNextDeploy() throws Exception {
        String helloUrl = url("GET /hello/{word}").replace("{word}", "x");
        app.deleteGreeting();
        app.build();

        DeployReport report = deploy();

        assertThat(report.endpoints()).extracting(DeployReport.Endpoint::path).doesNotContain("/hello/{word}");
        assertThat(report.functions()).filteredOn(f -> f.action().equals("deleted"))
                .extracting(DeployReport.FunctionResult::lambdaName).containsExactly(SERVICE + "-hello");
        assertThat(Http.get(helloUrl).status()).isEqualTo(404);
        assertThat(local.clients.apiGateway().getRoutes(b -> b.apiId(report.apiId())).items())
                .extracting(r -> r.routeKey()).containsExactlyInAnyOrder("GET /secret", "POST /orders");
        assertThat(functionNames()).doesNotContain(SERVICE + "-hello");
        assertThat(Http.get(url("GET /secret"), "Authorization", "Bearer " + TestApp.TOKEN).status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void anInterruptedDeployResumesWithoutDuplicates() throws Exception {
        remove();
        assertThat(functionNames()).isEmpty();

        counter.crashAfterWrites(10);
        try {
            assertThatThrownBy(DeployEndToEndTest::deploy).isInstanceOf(JavezeException.class)
                    .hasMessageContaining("run again to resume");
        } finally {
            counter.crashAfterWrites(-1);
        }
        Deployed partial = DeployedRecorder.read(ManifestStore.read(app.dir()), "prod");
        assertThat(partial.roles().size() + partial.functions().size() + partial.topics().size()).isPositive();

        DeployReport report = deploy();

        List<Api> apis = ownedApis();
        assertThat(apis).hasSize(1);
        assertThat(apis.get(0).apiId()).isEqualTo(report.apiId());
        var api = local.clients.apiGateway();
        assertThat(api.getIntegrations(b -> b.apiId(report.apiId())).items()).hasSize(2);
        assertThat(api.getRoutes(b -> b.apiId(report.apiId())).items()).hasSize(2);
        assertThat(api.getAuthorizers(b -> b.apiId(report.apiId())).items()).hasSize(1);
        assertThat(functionNames()).hasSize(4);
        String topicArn = local.clients.sns().listTopics().topics().stream().map(t -> t.topicArn())
                .filter(a -> a.endsWith(":" + SERVICE + "-prod-orders")).findFirst().orElseThrow();
        assertThat(local.clients.sns().listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions()).hasSize(1);
        assertThat(local.clients.lambda().listEventSourceMappings(b -> b.functionName(SERVICE + "-on-order:prod")).eventSourceMappings()).hasSize(1);
        assertThat(Http.get(url("GET /secret"), "Authorization", "Bearer " + TestApp.TOKEN).status()).isEqualTo(200);

        deploy();
        assertThat(counter.writes()).as("converged: nothing left to do").isEmpty();
    }

    @Test
    @Order(11)
    void removeLeavesNothingBehindAndCanRunAgain() {
        DeployReport removed = remove();
        assertThat(removed.plan()).isNotEmpty();

        assertThat(functionNames()).isEmpty();
        assertThat(ownedApis()).isEmpty();
        assertThat(local.clients.sns().listTopics().topics()).noneMatch(t -> t.topicArn().contains(":" + SERVICE + "-"));
        assertThat(local.clients.sqs().listQueues(b -> b.queueNamePrefix(SERVICE + "-")).queueUrls()).isEmpty();
        assertThat(local.clients.iam().listRoles().roles()).noneMatch(r -> r.roleName().startsWith(SERVICE + "-"));
        assertThat(local.clients.lambda().listEventSourceMappings().eventSourceMappings()).isEmpty();
        assertThat(DeployedRecorder.read(ManifestStore.read(app.dir()), "prod").apiId()).isNull();

        DeployReport again = remove();
        assertThat(again.plan()).isEmpty();
        assertThat(counter.writes()).isEmpty();
    }

    static List<String> functionNames() {
        return local.clients.lambda().listFunctionsPaginator().functions().stream().map(f -> f.functionName())
                .filter(n -> n.startsWith(SERVICE + "-")).toList();
    }

    static List<Api> ownedApis() {
        return local.clients.apiGateway().getApis().items().stream()
                .filter(a -> OwnershipTags.ownedBy(a.tags(), SERVICE, "prod")).toList();
    }
}
