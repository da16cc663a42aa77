package io.javeze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("app", "javeze.toml");

    private static JavezeConfig parse(String toml) {
        return ConfigLoader.parse(FILE, toml);
    }

    /** Asserts the one-line message starts with {@code app/javeze.toml:LINE: } and contains the key and the problem. */
    private static void assertError(String toml, int line, String key, String problem) {
        assertThatThrownBy(() -> parse(toml))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith(FILE + ":" + line + ": ")
                .hasMessageContaining(key)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() {
        JavezeConfig config = parse("service_name = \"shop\"\n");

        assertThat(config.serviceName()).isEqualTo("shop");
        assertThat(config.file()).isEqualTo(FILE);
        assertThat(config.deployment()).isEqualTo(new JavezeConfig.Deployment("aws", null, "lambda", "prod"));
        assertThat(config.lambda()).isEqualTo(
                new JavezeConfig.LambdaDefaults(512, 30, "java21", "x86_64", Map.of(), Map.of(), null, false));
    }

    @Test
    void fullFileIsReadAsWritten() {
        JavezeConfig config = parse("""
                service_name = "my-service"

                [deployment]
                provider = "aws"
                region = "eu-west-1"
                type = "lambda"
                stage = "dev"

                [lambda]
                memory_size = 256
                timeout = 10
                runtime = "java17"
                architecture = "arm64"
                environment = { GREETING = "hi", LEVEL = "debug" }
                tags = { team = "web" }
                log_retention_days = 14
                """);

        assertThat(config.deployment()).isEqualTo(new JavezeConfig.Deployment("aws", "eu-west-1", "lambda", "dev"));
        assertThat(config.lambda()).isEqualTo(new JavezeConfig.LambdaDefaults(
                256, 10, "java17", "arm64", Map.of("GREETING", "hi", "LEVEL", "debug"), Map.of("team", "web"), 14, true));
        assertThat(config.memoryFor(null)).isEqualTo(256);
        assertThat(config.memoryFor(1024)).isEqualTo(1024);
        assertThat(config.timeoutFor(0)).isEqualTo(10);
    }

    @Test
    void snapStartIsOffByDefaultAndAnnotationsOverrideIt() {
        assertThat(parse("service_name = \"shop\"\n").lambda().snapStart()).isFalse();
        JavezeConfig config = parse("""
                service_name = "shop"
                [lambda]
                snap_start = true
                """);
        assertThat(config.lambda().snapStart()).isTrue();
        assertThat(config.snapStartFor(null)).isTrue();
        assertThat(config.snapStartFor(false)).isFalse();
        assertThat(parse("service_name = \"shop\"\n[lambda]\nsnap_start = false\n").snapStartFor(true)).isTrue();
    }

    @Test
    void snapStartMustBeABooleanOnAJavaRuntime() {
        assertError("service_name = \"shop\"\n[lambda]\nsnap_start = \"yes\"\n", 3, "[lambda] snap_start",
                "must be true or false, got a string");
        assertError("service_name = \"shop\"\n[lambda]\nruntime = \"provided.al2023\"\n\nsnap_start = true\n", 5,
                "[lambda] snap_start", "needs a Java 11+ managed runtime");
        assertError("service_name = \"shop\"\n[lambda]\nruntime = \"java8.al2\"\nsnap_start = true\n", 4,
                "[lambda] snap_start", "no SnapStart for java8.al2");
    }

    @Test
    void javaFunctionsGetC1OnlyJavaToolOptionsUnlessTheEnvironmentSetsThem() {
        assertThat(parse("service_name = \"shop\"\n[lambda]\nenvironment = { A = \"1\" }\n").lambda().functionEnvironment())
                .isEqualTo(Map.of("A", "1", "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        assertThat(parse("service_name = \"shop\"\n[lambda]\nenvironment = { JAVA_TOOL_OPTIONS = \"-Xshare:off\" }\n")
                .lambda().functionEnvironment()).isEqualTo(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off"));
        assertThat(parse("service_name = \"shop\"\n[lambda]\nruntime = \"provided.al2023\"\n").lambda().functionEnvironment())
                .isEmpty();
    }

    @Test
    void invalidTomlNamesTheLine() {
        assertThatThrownBy(() -> parse("service_name = \"a\"\n\n[lambda\n"))
                .isInstanceOf(JavezeException.class)
                .hasMessageStartingWith(FILE + ":3: invalid TOML");
    }

    @Test
    void missingServiceNameIsReported() {
        assertError("[lambda]\nmemory_size = 256\n", 1, "service_name", "missing required key");
    }

    @Test
    void unknownTopLevelKey() {
        assertError("service_name = \"a\"\nservice = \"b\"\n", 2, "service", "is not a known key");
    }

    @Test
    void unknownKeyInSection() {
        assertError("service_name = \"a\"\n[lambda]\ntimeout = 3\nmemory = 256\n", 4, "[lambda] memory", "is not a known key");
        assertError("service_name = \"a\"\n\n[deployment]\nregoin = \"us-east-1\"\n", 4, "[deployment] regoin", "is not a known key");
    }

    @Test
    void unknownQuotedKeyWithADotStillGetsItsLine() {
        assertError("service_name = \"a\"\n[lambda]\n\"memory.size\" = 256\n", 3, "\"memory.size\"", "is not a known key");
    }

    @Test
    void unknownSection() {
        assertError("service_name = \"a\"\n\n[lambdas]\ntimeout = 3\n", 3, "lambdas", "is not a known key");
    }

    @Test
    void theDependencyLayerIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(parse("service_name = \"a\"\n").lambda().dependencyLayer()).isTrue();
        assertThat(parse("service_name = \"a\"\n[lambda]\ndependency_layer = false\n").lambda().dependencyLayer()).isFalse();
        assertError("service_name = \"a\"\n[lambda]\ndependency_layer = \"no\"\n", 3, "[lambda] dependency_layer",
                "must be true or false, got a string");
    }

    @Test
    void wrongTypes() {
        assertError("service_name = 5\n", 1, "service_name", "must be a string, got an integer");
        assertError("service_name = \"a\"\n[lambda]\nmemory_size = \"big\"\n", 3, "[lambda] memory_size", "must be an integer between 128 and 10240, got a string");
        assertError("service_name = \"a\"\n[lambda]\ntimeout = 2.5\n", 3, "[lambda] timeout", "got a float");
        assertError("service_name = \"a\"\ndeployment = \"aws\"\n", 2, "deployment", "must be a table");
        assertError("service_name = \"a\"\n[lambda]\nenvironment = [\"A\"]\n", 3, "[lambda] environment", "must be a table");
        assertError("service_name = \"a\"\n[deployment]\nregion = true\n", 3, "[deployment] region", "got a boolean");
    }

    @Test
    void nonStringEnvironmentValueNamesTheEntrysLine() {
        assertError("service_name = \"a\"\n[lambda.environment]\nA = \"x\"\nB = 2\n", 4, "[lambda] environment.B", "must be a string, got an integer");
    }

    @Test
    void outOfRangeValues() {
        assertError("service_name = \"a\"\n[lambda]\nmemory_size = 64\n", 3, "[lambda] memory_size", "must be between 128 and 10240, got 64");
        assertError("service_name = \"a\"\n[lambda]\nmemory_size = 99999999999\n", 3, "[lambda] memory_size", "got 99999999999");
        assertError("service_name = \"a\"\n\n[lambda]\ntimeout = 901\n", 4, "[lambda] timeout", "must be between 1 and 900, got 901");
        assertError("service_name = \"a\"\n[lambda]\ntimeout = 0\n", 3, "[lambda] timeout", "got 0");
        assertError("service_name = \"a\"\n[lambda]\nlog_retention_days = 10\n", 3, "[lambda] log_retention_days", "must be one of");
    }

    @Test
    void invalidValues() {
        assertError("service_name = \"9lives\"\n", 1, "service_name", "must start with a letter");
        assertError("service_name = \"a\"\n[deployment]\nprovider = \"gcp\"\n", 3, "[deployment] provider", "must be \"aws\"");
        assertError("service_name = \"a\"\n[deployment]\ntype = \"ecs\"\n", 3, "[deployment] type", "must be \"lambda\"");
        assertError("service_name = \"a\"\n[deployment]\nregion = \"Europe\"\n", 3, "[deployment] region", "not an AWS region");
        assertError("service_name = \"a\"\n[deployment]\nstage = \"a b\"\n", 3, "[deployment] stage", "letters, digits");
        assertError("service_name = \"a\"\n[deployment]\nstage = \"42\"\n", 3, "[deployment] stage", "only digits");
        assertError("service_name = \"a\"\n[deployment]\nstage = \"" + "s".repeat(127) + "\"\n", 3, "[deployment] stage",
                "API Gateway allows 128");
        assertError("service_name = \"a\"\n[deployment]\nkeep_versions = 0\n", 3, "[deployment] keep_versions", "between 1 and 100");
        assertError("service_name = \"a\"\n[lambda]\nruntime = \"python3.12\"\n", 3, "[lambda] runtime", "must be a Java Lambda runtime");
        assertError("service_name = \"a\"\n[lambda]\narchitecture = \"amd64\"\n", 3, "[lambda] architecture", "\"x86_64\" or \"arm64\"");
    }

    @Test
    void keepVersionsDefaultsToThreeAndStageCanBeOverridden() {
        JavezeConfig config = parse("service_name = \"a\"\n[deployment]\nkeep_versions = 5\n");
        assertThat(config.deployment().keepVersions()).isEqualTo(5);
        assertThat(parse("service_name = \"a\"\n").deployment().keepVersions()).isEqualTo(3);
        assertThat(config.withStage("dev", "--stage").deployment().stage()).isEqualTo("dev");
        assertThat(config.withStage(null, "--stage").deployment().stage()).isEqualTo("prod");
        assertThatThrownBy(() -> config.withStage("../x", "--stage")).isInstanceOf(JavezeException.class)
                .hasMessageStartingWith("--stage must be 1-128 letters");
    }

    @Test
    void environmentNamesAreChecked() {
        assertError("service_name = \"a\"\n[lambda.environment]\nOK = \"1\"\nAWS_REGION = \"us-east-1\"\n", 4, "[lambda] environment.AWS_REGION", "reserved by Lambda");
        assertError("service_name = \"a\"\n[lambda]\nenvironment = { \"1X\" = \"1\" }\n", 3, "environment", "must start with a letter");
        String big = "x".repeat(4100);
        assertError("service_name = \"a\"\n[lambda]\nenvironment = { A = \"" + big + "\" }\n", 3, "[lambda] environment", "at most 4096");
    }

    @Test
    void tagsAreChecked() {
        assertError("service_name = \"a\"\n[lambda.tags]\n\"aws:owner\" = \"me\"\n", 3, "[lambda] tags.\"aws:owner\"", "not start with \"aws:\"");
        assertError("service_name = \"a\"\n[lambda.tags]\nteam = \"" + "t".repeat(257) + "\"\n", 3, "[lambda] tags.team", "at most 256");
    }

    @Test
    void loadNamesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> JavezeConfig.load(dir))
                .isInstanceOf(JavezeException.class)
                .hasMessage(dir.resolve("javeze.toml") + ": not found; a javeze project needs a javeze.toml with at least service_name");
    }

    @Test
    void loadReadsTheProjectFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("javeze.toml"), "service_name = \"disk\"\n[lambda]\ntimeout = 5\n");

        JavezeConfig config = JavezeConfig.load(dir);

        assertThat(config.serviceName()).isEqualTo("disk");
        assertThat(config.lambda().timeout()).isEqualTo(5);
        assertThat(config.file()).isEqualTo(dir.resolve("javeze.toml"));
    }

    @Test
    void httpCorsIsReadAsWritten() {
        JavezeConfig config = parse("""
                service_name = "shop"

                [http.cors]
                allow_origins = ["https://app.example.com", "http://localhost:3000"]
                allow_methods = ["GET", "POST"]
                allow_headers = ["authorization", "content-type"]
                expose_headers = ["x-request-id"]
                allow_credentials = true
                max_age = 600
                """);

        assertThat(config.cors()).isEqualTo(new HttpCors(List.of("https://app.example.com", "http://localhost:3000"),
                List.of("GET", "POST"), List.of("authorization", "content-type"), List.of("x-request-id"), true, 600));
        assertThat(parse("service_name = \"shop\"\n").cors()).isNull();
        assertThat(parse("service_name = \"shop\"\n[http.cors]\nallow_origins = [\"*\"]\n").cors())
                .isEqualTo(new HttpCors(List.of("*"), List.of(), List.of(), List.of(), false, null));
    }

    @Test
    void httpCorsMistakesNameTheLineAndKey() {
        String head = "service_name = \"shop\"\n[http.cors]\n";
        assertError(head + "allow_origins = [\"*\"]\nallow_credentials = true\n", 4, "[http.cors] allow_credentials",
                "cannot be combined with allow_origins \"*\"");
        assertError(head + "allow_origins = [\"https://app.example.com/path\"]\n", 3, "[http.cors] allow_origins", "no path");
        assertError(head + "allow_origins = []\n", 3, "allow_origins", "must name at least one origin");
        assertError(head + "allow_methods = [\"GET\"]\n", 2, "cors", "needs allow_origins");
        assertError(head + "allow_origins = [\"*\"]\nallow_methods = [\"FETCH\"]\n", 4, "allow_methods", "got \"FETCH\"");
        assertError(head + "allow_origins = [\"*\"]\nallow_headers = [\"x y\"]\n", 4, "allow_headers", "header names");
        assertError(head + "allow_origins = [\"*\"]\nmax_age = 90000\n", 4, "max_age", "between -1 and 86400");
        assertError(head + "allow_origins = \"*\"\n", 3, "allow_origins", "must be an array of strings");
        assertError(head + "allow_origins = [\"*\"]\nallow_credentials = \"yes\"\n", 4, "allow_credentials", "must be true or false");
        assertError(head + "allow_origins = [\"*\"]\norigins = [\"*\"]\n", 4, "origins", "is not a known key");
        assertError("service_name = \"shop\"\n[http]\ncor = 1\n", 3, "cor", "is not a known key");
    }

    @Test
    void httpOpenApiIsOptInAndABoolean() {
        assertThat(parse("service_name = \"shop\"\n").openApi()).isFalse();
        assertThat(parse("service_name = \"shop\"\n[http]\nopenapi = true\n").openApi()).isTrue();
        assertThat(parse("service_name = \"shop\"\n[http]\nopenapi = true\n").withStage("dev", "--stage").openApi()).isTrue();
        assertError("service_name = \"shop\"\n[http]\nopenapi = \"yes\"\n", 3, "[http] openapi", "must be true or false");
        assertError("service_name = \"shop\"\n[http]\nopen_api = true\n", 3, "open_api", "is not a known key");
    }
}
