package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.build.PackageIndex;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.Http;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.lambda.DependencyLayers;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Layer;

/**
 * The app's dependency jars (javeze-runtime, the SDK's signer...) in one Lambda layer shared by its five functions, on the
 * local cloud, used over HTTP: published once, not again while unchanged, once more when a dependency changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyLayerEndToEndTest {
    static final String SERVICE = "e2e-layer";
    static final String LAYER = DependencyLayers.layerName(SERVICE);
    static final String PUBLISH = "Lambda.PublishLayerVersion";

    @TempDir
    static Path temp;

    static TestApp app;
    static LocalCloud cloud;
    static CallCounter counter;
    static LocalClients local;
    static DeployReport last;

    @BeforeAll
    static void buildAndStart() throws Exception {
        app = new TestApp(Files.createDirectories(temp.resolve("project"))).write(SERVICE);
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

    static String url(String routeKey) {
        return last.endpoints().stream().filter(e -> (e.method() + " " + e.path()).equals(routeKey)).findFirst().orElseThrow().url();
    }

    static List<String> layerVersions() {
        return local.clients.lambda().listLayerVersions(b -> b.layerName(LAYER)).layerVersions().stream()
                .map(v -> v.layerVersionArn()).toList();
    }

    /** The layer ARNs of every function's $LATEST and of the version its stage alias serves. */
    static Set<List<String>> layersOfEveryFunction() {
        Set<List<String>> seen = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (DeployReport.FunctionResult f : last.functions()) {
            String name = SERVICE + "-" + f.name();
            seen.add(local.clients.lambda().getFunctionConfiguration(b -> b.functionName(name)).layers().stream().map(Layer::arn).toList());
            seen.add(local.clients.lambda().getFunctionConfiguration(b -> b.functionName(name).qualifier("prod")).layers().stream()
                    .map(Layer::arn).toList());
        }
        return seen;
    }

    @Test
    @Order(1)
    void fiveFunctionsShareOneLayerPublishedOnceEvenAcrossAnInterruptedDeploy() throws Exception {
        counter.crashAfterWrites(3);
        assertThatThrownBy(DependencyLayerEndToEndTest::deploy).hasMessageContaining("simulated crash");
        counter.crashAfterWrites(-1);

        deploy();

        List<String> versions = layerVersions();
        assertThat(versions).as("one layer version, never a duplicate").hasSize(1);
        assertThat(last.functions()).hasSize(5);
        assertThat(layersOfEveryFunction()).containsExactly(List.of(versions.get(0)));
        for (PackageIndex.Entry e : PackageIndex.read(app.dir()).values()) {
            assertThat(entries(e.path(app.dir()))).as(e.file() + " holds no dependency jar").noneMatch(n -> n.endsWith(".jar"));
        }
        Http.Reply hello = Http.get(url("GET /hello/{word}").replace("{word}", "layer"));
        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.body()).contains("Hello, layer!");
        // publishing goes through the SDK's signer and HTTP client, which only the layer holds
        Http.Reply placed = Http.post(url("POST /orders"), "{\"id\":\"o-1\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    }

    @Test
    @Order(2)
    void anUnchangedLayerIsNotPublishedAgainAndACodeChangeUploadsOnlyThatFunction() throws Exception {
        deploy();
        assertThat(counter.writes()).as("no-op").isEmpty();

        app.greeting("Howdy");
        app.build();
        deploy();

        assertThat(counter.all()).doesNotContain(PUBLISH);
        assertThat(counter.writes()).filteredOn(w -> w.contains("Code")).containsExactly("Lambda.UpdateFunctionCode");
        assertThat(layerVersions()).hasSize(1);
        assertThat(Http.get(url("GET /hello/{word}").replace("{word}", "you")).body()).contains("Howdy, you!");
    }

    @Test
    @Order(3)
    void aDependencyChangePublishesOneNewVersionAndEveryFunctionMovesToIt() throws Exception {
        String before = layerVersions().get(0);
        Path pom = app.dir().resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("  </dependencies>", """
                    <dependency>
                      <groupId>com.fasterxml.jackson.core</groupId>
                      <artifactId>jackson-annotations</artifactId>
                      <version>2.20</version>
                    </dependency>
                  </dependencies>"""));
        app.build();

        deploy();

        assertThat(counter.all()).filteredOn(PUBLISH::equals).hasSize(1);
        assertThat(counter.writes()).doesNotContain("Lambda.UpdateFunctionCode");
        List<String> versions = layerVersions();
        assertThat(versions).hasSize(2);
        String now = versions.stream().filter(v -> !v.equals(before)).findFirst().orElseThrow();
        assertThat(layersOfEveryFunction()).containsExactly(List.of(now));
        assertThat(Http.get(url("GET /hello/{word}").replace("{word}", "again")).body()).contains("Howdy, again!");
    }

    @Test
    @Order(4)
    void removingTheLastStageDeletesTheLayerVersionsToo() {
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            deployer.remove(app.dir(), false, true);
        }

        assertThat(layerVersions()).isEmpty();
    }

    private static List<String> entries(Path zip) throws Exception {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            return Collections.list(file.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
        }
    }
}
