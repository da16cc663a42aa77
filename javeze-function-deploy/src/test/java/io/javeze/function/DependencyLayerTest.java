package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.javeze.config.JavezeException;
import io.javeze.function.fixtures.HelloHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.Layer;

/** {@code --dependency-layer}: the project's jars in NAME-dependencies, published once per distinct jar set. */
class DependencyLayerTest {
    @TempDir
    Path dir;

    private Path project() throws Exception {
        Path project = dir.resolve("orders-fn");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion><artifactId>orders-fn</artifactId></project>");
        Path classFile = project.resolve("target/classes/io/javeze/function/fixtures/HelloHandler.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = HelloHandler.class.getResourceAsStream("HelloHandler.class")) {
            Files.copy(in, classFile);
        }
        return project;
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A second dependency, small so that packaging it costs nothing. */
    private Path smallJar() throws Exception {
        Path jar = dir.resolve("greeting-1.0.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("greeting.txt"));
            out.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static DeployResult deploy(LocalCloudFixture local, Path project, List<Path> jars) {
        FunctionDeployOptions o = local.options(null, null);
        o.projectDir = project;
        o.dependencyJars = jars;
        o.dependencyLayer = true;
        return new FunctionDeploy().deploy(o, c -> {});
    }

    private static List<String> layers(LocalCloudFixture local) {
        var layers = local.aws.lambda().getFunction(r -> r.functionName("orders-fn")).configuration().layers();
        return layers == null ? List.of() : layers.stream().map(Layer::arn).toList();
    }

    @Test
    void theLayerIsPublishedOnceAndANewJarSetMovesTheFunctionToOneNewVersion() throws Exception {
        Path project = project();
        List<Path> jars = List.of(jarOf(RequestHandler.class));
        try (LocalCloudFixture local = new LocalCloudFixture(dir.resolve("cloud"))) {
            DeployResult created = deploy(local, project, jars);
            assertThat(created.changes()).anySatisfy(c -> assertThat(c).startsWith("publish dependency layer orders-fn-dependencies"));
            assertThat(layers(local)).singleElement().satisfies(arn -> assertThat(arn).endsWith(":layer:orders-fn-dependencies:1"));
            try (ZipFile zip = ZipFile.builder().setPath(project.resolve("target/javeze/orders-fn.zip")).get()) {
                assertThat(Collections.list(zip.getEntries())).as("the package holds only the project's classes")
                        .noneMatch(e -> e.getName().endsWith(".jar"));
            }
            try (ZipFile layer = ZipFile.builder().setPath(project.resolve("target/javeze/orders-fn-dependencies.zip")).get()) {
                assertThat(layer.getEntry("java/lib/" + jars.get(0).getFileName())).isNotNull();
            }

            assertThat(deploy(local, project, jars).changes()).as("same jars: nothing published, nothing changed").isEmpty();

            DeployResult changed = deploy(local, project, List.of(jars.get(0), smallJar()));
            assertThat(changed.changes()).filteredOn(c -> c.startsWith("publish dependency layer")).hasSize(1);
            assertThat(layers(local)).singleElement().satisfies(arn -> assertThat(arn).endsWith(":layer:orders-fn-dependencies:2"));
            assertThat(local.aws.lambda().listLayerVersions(r -> r.layerName("orders-fn-dependencies")).layerVersions()).hasSize(2);
        }
    }

    @Test
    void aGivenZipCannotUseTheDependencyLayer() throws Exception {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.name = "fn";
        o.zip = TestPackages.hello(dir, "x");
        o.dependencyLayer = true;
        assertThatThrownBy(() -> new DeployValidator().validate(o)).isInstanceOf(JavezeException.class)
                .hasMessage("--dependency-layer puts the project's jars in a layer: it cannot be combined with --zip");
    }
}
