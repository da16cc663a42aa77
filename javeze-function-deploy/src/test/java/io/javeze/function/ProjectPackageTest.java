package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.javeze.config.JavezeException;
import io.javeze.function.fixtures.HelloHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --zip, the Maven project is the package: name from the artifact id, handler found by scanning. */
class ProjectPackageTest {
    @TempDir
    Path project;

    private Path jar() throws Exception {
        return Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private void compiledProject() throws Exception {
        Files.writeString(project.resolve("pom.xml"), """
                <project><modelVersion>4.0.0</modelVersion>
                  <parent><groupId>example</groupId><artifactId>parent-not-me</artifactId><version>1</version></parent>
                  <artifactId>orders-fn</artifactId></project>
                """);
        Path classFile = project.resolve("target/classes/io/javeze/function/fixtures/HelloHandler.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = HelloHandler.class.getResourceAsStream("HelloHandler.class")) {
            Files.copy(in, classFile);
        }
    }

    private FunctionDeployOptions options() throws Exception {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.projectDir = project;
        o.dependencyJars = List.of(jar());
        o.dryRun = true;
        return o;
    }

    @Test
    void packagesClassesAndLibReproduciblyAndDefaultsNameAndHandler() throws Exception {
        compiledProject();
        DeploySpec spec = new DeployValidator().validate(options());
        assertThat(spec.name()).isEqualTo("orders-fn");
        assertThat(spec.handler()).isEqualTo("io.javeze.function.fixtures.HelloHandler::handleRequest");
        assertThat(spec.pkg().zip()).isEqualTo(project.resolve("target/javeze/orders-fn.zip"));
        try (ZipFile zip = ZipFile.builder().setPath(spec.pkg().zip()).get()) {
            assertThat(zip.getEntry("io/javeze/function/fixtures/HelloHandler.class")).isNotNull();
            assertThat(zip.getEntry("lib/" + jar().getFileName())).isNotNull();
        }
        Files.setLastModifiedTime(project.resolve("target/classes/io/javeze/function/fixtures/HelloHandler.class"),
                java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(new DeployValidator().validate(options()).pkg().codeSha256())
                .as("same inputs, same CodeSha256: unchanged code is not uploaded again").isEqualTo(spec.pkg().codeSha256());
    }

    @Test
    void includeAddsFilesAndDirectoriesAtTheirProjectPathsAndTheSettingsReachTheSpec() throws Exception {
        compiledProject();
        Files.createDirectories(project.resolve("conf/sub"));
        Files.writeString(project.resolve("conf/sub/app.yaml"), "a: 1\n");
        Files.writeString(project.resolve("VERSION"), "7\n");
        FunctionDeployOptions o = options();
        o.include = List.of(Path.of("conf"), project.resolve("VERSION"));
        o.subnetIds = "subnet-0123456789abcdef0, subnet-0fedcba9876543210";
        o.securityGroupIds = "sg-0123456789abcdef0";
        o.retryAttempts = 0;

        DeploySpec spec = new DeployValidator().validate(o);

        try (ZipFile zip = ZipFile.builder().setPath(spec.pkg().zip()).get()) {
            assertThat(zip.getEntry("conf/sub/app.yaml")).isNotNull();
            assertThat(zip.getEntry("VERSION")).isNotNull();
        }
        assertThat(spec.subnetIds()).containsExactly("subnet-0123456789abcdef0", "subnet-0fedcba9876543210");
        assertThat(spec.securityGroupIds()).containsExactly("sg-0123456789abcdef0");
        assertThat(spec.retryAttempts()).isZero();

        o.include = List.of(Path.of("../outside"));
        assertThatThrownBy(() -> new DeployValidator().validate(o)).isInstanceOf(JavezeException.class)
                .hasMessageStartingWith("--include ../outside: must be inside the project");
    }

    @Test
    void noPackageSaysHowToBuildOne() throws Exception {
        assertThatThrownBy(() -> new DeployValidator().validate(options()))
                .isInstanceOf(JavezeException.class).hasMessageContaining("pass NAME");
        FunctionDeployOptions named = options();
        named.name = "fn";
        assertThatThrownBy(() -> new DeployValidator().validate(named))
                .isInstanceOf(JavezeException.class).hasMessageContaining("pass --zip PATH").hasMessageContaining("mvn package");
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>fn</artifactId></project>");
        assertThatThrownBy(() -> new DeployValidator().validate(options()))
                .isInstanceOf(JavezeException.class).hasMessageContaining("target/classes does not exist: build the project first (`mvn package`)");
    }

    @Test
    void localWithNothingListeningIsAClearError() throws Exception {
        FunctionDeployOptions o = options();
        o.zip = TestPackages.hello(project, "x");
        o.name = "fn";
        o.local = true;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            o.endpointUrl = "http://127.0.0.1:" + socket.getLocalPort();
        }
        assertThatThrownBy(() -> new FunctionDeploy().deploy(o, c -> {}))
                .isInstanceOf(JavezeException.class).hasMessageStartingWith("--endpoint-url: the local cloud is not running at");
    }
}
