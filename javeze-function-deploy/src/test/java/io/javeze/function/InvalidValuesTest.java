package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.aws.AwsClients;
import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid value is rejected with a one-line error naming the flag, before any request reaches the endpoint. */
class InvalidValuesTest {
    @TempDir
    static Path dir;
    static CountingEndpoint endpoint;
    static Path zip;

    @BeforeAll
    static void start() throws Exception {
        endpoint = new CountingEndpoint();
        zip = TestPackages.hello(dir, "valid");
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.close();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("--memory", o -> o.memory = 64),
                bad("--memory", o -> o.memory = 10241),
                bad("--timeout", o -> o.timeout = 0),
                bad("--timeout", o -> o.timeout = 901),
                bad("--iam-role", o -> o.iamRole = "arn:aws:iam::12345:role/short-account"),
                bad("--iam-role", o -> o.iamRole = "my-role"),
                bad("--layer", o -> o.layers = List.of("arn:aws:lambda:us-east-1:123456789012:layer:x")),
                bad("--layer", o -> o.layers = List.of("arn:aws:lambda:us-east-1:123456789012:layer:ok:1,nonsense")),
                bad("--tags", o -> o.tags = "team"),
                bad("--tag", o -> o.tag = List.of("aws:owner=me")),
                bad("--tags and --tag", o -> {
                    o.tags = "a=1";
                    o.tag = List.of("b=2");
                }),
                bad("--env-vars", o -> o.envVars = "A=1,B"),
                bad("--env-var", o -> o.envVar = List.of("1BAD=x")),
                bad("--env-var", o -> o.envVar = List.of("AWS_REGION=eu-west-1")),
                bad("--env-vars and --env-var", o -> {
                    o.envVars = "A=1";
                    o.envVar = List.of("B=2");
                }),
                bad("bad.env:2", o -> o.envFile = write("bad.env", "OK=1\nNOT A LINE\n")),
                bad("--env-file", o -> o.envFile = dir.resolve("missing.env")),
                bad("--runtime", o -> o.runtime = "java99"),
                bad("--tracing", o -> o.tracing = "sometimes"),
                bad("--snap-start needs a Java 11+ managed runtime", o -> {
                    o.runtime = "provided.al2023";
                    o.snapStart = true;
                }),
                bad("--log-retention", o -> o.logRetention = 2),
                bad("--retry-attempts", o -> o.retryAttempts = 3),
                bad("--subnet-ids", o -> {
                    o.subnetIds = "subnet-0123456789abcdef0,vpc-123";
                    o.securityGroupIds = "sg-0123456789abcdef0";
                }),
                bad("--security-group-ids needs --subnet-ids", o -> o.securityGroupIds = "sg-0123456789abcdef0"),
                bad("--include", o -> o.include = List.of(Path.of("conf"))),
                bad("--output-format", o -> o.outputFormat = "yaml"),
                bad("--alias", o -> o.alias = "42"),
                bad("--handler", o -> o.handler = "not a handler"),
                bad("--enable-function-url and --disable-function-url", o -> {
                    o.enableFunctionUrl = true;
                    o.disableFunctionUrl = true;
                }),
                bad("--s3-key", o -> o.s3Key = "code.zip"),
                bad("--s3-bucket", o -> o.s3Bucket = "Not_A_Bucket"),
                bad("--compatible-runtimes", o -> o.compatibleRuntimes = List.of("java21")),
                bad("--memory does not apply to --extension", o -> {
                    o.extension = true;
                    o.memory = 256;
                }),
                bad("has no extensions/ directory", o -> o.extension = true),
                bad("--region", o -> o.region = "mars"),
                bad("NAME", o -> o.name = "has space"),
                bad("--zip", o -> o.zip = write("broken.zip", "not a zip")),
                bad("--zip", o -> o.zip = dir.resolve("missing.zip")),
                bad("\"../evil.sh\" would unpack outside the function's directory",
                        o -> o.zip = zip("slip.zip", Map.of("io/javeze/function/fixtures/HelloHandler.class", HELLO, "../evil.sh", HELLO), Map.of())),
                bad("\"link\" is a symbolic link",
                        o -> o.zip = zip("link.zip", Map.of("io/javeze/function/fixtures/HelloHandler.class", HELLO, "link", HELLO),
                                Map.of("link", 0120777))),
                bad("empty.zip: the package is empty", o -> {
                    o.zip = zip("empty.zip", Map.of(), Map.of());
                    o.handler = "app.Hello::handleRequest";
                }),
                bad("handler app.Missing::handleRequest not found", o -> o.handler = "app.Missing::handleRequest"));
    }

    private static final byte[] HELLO = classBytes();

    private static byte[] classBytes() {
        try (var in = io.javeze.function.fixtures.HelloHandler.class.getResourceAsStream("HelloHandler.class")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path zip(String name, Map<String, byte[]> entries, Map<String, Integer> modes) {
        try {
            return TestPackages.zip(dir.resolve(name), entries, modes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Arguments bad(String flag, Consumer<FunctionDeployOptions> change) {
        return Arguments.of(flag, change);
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FunctionDeployOptions valid() {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.name = "hello";
        o.zip = zip;
        o.local = true;
        o.endpointUrl = endpoint.uri().toString();
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectedBeforeAnyCall(String flag, Consumer<FunctionDeployOptions> change) {
        FunctionDeployOptions options = valid();
        change.accept(options);
        AtomicInteger clientsMade = new AtomicInteger();
        FunctionDeploy deploy = new FunctionDeploy(target -> {
            clientsMade.incrementAndGet();
            return new AwsClients(target);
        });

        assertThatThrownBy(() -> deploy.deploy(options, c -> {}))
                .isInstanceOf(JavezeException.class)
                .hasMessageContaining(flag)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(endpoint.requests()).isZero();
        assertThat(clientsMade).hasValue(0);
    }

    @Test
    void theValidBaselineDoesReachTheEndpoint() {
        // Guards the test above: the same options, valid, do make calls (which this endpoint fails).
        List<String> progress = new ArrayList<>();
        int before = endpoint.requests();
        assertThatThrownBy(() -> new FunctionDeploy().deploy(valid(), progress::add)).isNotNull();
        assertThat(endpoint.requests()).isGreaterThan(before);
    }
}
