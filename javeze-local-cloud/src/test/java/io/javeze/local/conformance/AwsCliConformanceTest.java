package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI (botocore's parsers) against the local cloud, as a subprocess with dummy credentials. */
class AwsCliConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static CloudFixture fx;

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    @BeforeAll
    static void start() {
        assumeTrue(awsCliInstalled(), "the AWS CLI (`aws`) is not installed; CI installs Debian's awscli");
        fx = new CloudFixture(dir.resolve("cloud"));
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /**
     * The AWS CLI to drive: {@code JAVEZE_AWS_CLI} if set, else Debian's AWS CLI v2 at /usr/bin/aws (which CI
     * installs; a pip-installed v1 may come first on the PATH), else whatever {@code aws} the PATH has.
     */
    static final String AWS_CLI = System.getenv().getOrDefault("JAVEZE_AWS_CLI",
            Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws");

    static boolean awsCliInstalled() {
        try {
            Process p = new ProcessBuilder(AWS_CLI, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result aws(String... args) throws Exception {
        ProcessBuilder pb = cli(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static ProcessBuilder cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(AWS_CLI, "--endpoint-url", fx.endpoint().toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        var env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        return pb;
    }

    static JsonNode ok(String... args) throws Exception {
        Result r = aws(args);
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : r.json();
    }

    @Test
    void stsAndIam() throws Exception {
        assertThat(ok("sts", "get-caller-identity").get("Account").asText()).isEqualTo("000000000000");
        JsonNode role = ok("iam", "create-role", "--role-name", "cli-role", "--assume-role-policy-document", CloudFixture.TRUST);
        assertThat(role.get("Role").get("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/cli-role");
        assertThat(ok("iam", "get-role", "--role-name", "cli-role").get("Role").get("RoleName").asText()).isEqualTo("cli-role");
        assertThat(ok("iam", "list-roles").get("Roles")).isNotEmpty();
        Result missing = aws("iam", "get-role", "--role-name", "nobody");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("NoSuchEntity");
        Result exists = aws("iam", "create-role", "--role-name", "cli-role", "--assume-role-policy-document", CloudFixture.TRUST);
        assertThat(exists.err()).contains("EntityAlreadyExists");
    }

    @Test
    void lambdaCreateGetInvoke() throws Exception {
        String role = fx.createRole("cli-fn-role");
        Path zip = dir.resolve("fn.zip");
        Files.write(zip, CloudFixture.sampleZip());
        JsonNode created = ok("lambda", "create-function", "--function-name", "cli-fn", "--runtime", "java21", "--role", role,
                "--handler", "com.example.Hello::handleRequest", "--zip-file", "fileb://" + zip);
        assertThat(created.get("State").asText()).isEqualTo("Pending");
        fx.aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("cli-fn"));
        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, "{\"from\":\"cli\"}");
        Path response = dir.resolve("response.json");
        JsonNode invoked = ok("lambda", "invoke", "--function-name", "cli-fn", "--payload", "fileb://" + payload, response.toString());
        assertThat(invoked.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(Files.readString(response)).isEqualTo("{\"from\":\"cli\"}");
        Result conflict = aws("lambda", "create-function", "--function-name", "cli-fn", "--runtime", "java21", "--role", role,
                "--handler", "a::b", "--zip-file", "fileb://" + zip);
        assertThat(conflict.err()).contains("ResourceConflictException");
        Result notFound = aws("lambda", "get-function", "--function-name", "nope");
        assertThat(notFound.err()).contains("ResourceNotFoundException");
    }

    @Test
    void sqsSnsAndLogs() throws Exception {
        String url = ok("sqs", "create-queue", "--queue-name", "cli-q").get("QueueUrl").asText();
        assertThat(url).endsWith("/000000000000/cli-q");
        String arn = ok("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")
                .get("Attributes").get("QueueArn").asText();
        String topic = ok("sns", "create-topic", "--name", "cli-t").get("TopicArn").asText();
        Path attributes = Files.writeString(Files.createTempFile("policy", ".json"),
                JSON.writeValueAsString(Map.of("Policy", SqsSnsConformanceTest.policy(arn, topic))));
        ok("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", "file://" + attributes);
        ok("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", arn,
                "--attributes", "RawMessageDelivery=true");
        ok("sns", "publish", "--topic-arn", topic, "--message", "via-sns");
        ok("sqs", "send-message", "--queue-url", url, "--message-body", "direct",
                "--message-attributes", "{\"k\":{\"DataType\":\"String\",\"StringValue\":\"v\"}}");
        JsonNode got = ok("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10", "--wait-time-seconds", "1",
                "--message-attribute-names", "All");
        List<String> bodies = new ArrayList<>();
        got.get("Messages").forEach(m -> bodies.add(m.get("Body").asText()));
        assertThat(bodies).containsExactlyInAnyOrder("via-sns", "direct");
        JsonNode first = got.get("Messages").get(0);
        ok("sqs", "delete-message", "--queue-url", url, "--receipt-handle", first.get("ReceiptHandle").asText());
        Result missing = aws("sqs", "get-queue-url", "--queue-name", "nope");
        assertThat(missing.err()).containsAnyOf("NonExistentQueue", "QueueDoesNotExist");

        fx.aws.logs().createLogGroup(r -> r.logGroupName("/cli/group"));
        assertThat(ok("logs", "describe-log-groups", "--log-group-name-prefix", "/cli").get("logGroups").get(0).get("logGroupName")
                .asText()).isEqualTo("/cli/group");
    }

    /** botocore's DynamoDB client: tables, conditional writes, queries, and Scan's automatic pagination. */
    @Test
    void dynamodbTablesItemsAndQueries() throws Exception {
        JsonNode created = ok("dynamodb", "create-table", "--table-name", "cli-orders", "--billing-mode", "PAY_PER_REQUEST",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE");
        assertThat(created.get("TableDescription").get("TableArn").asText()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/cli-orders");
        ok("dynamodb", "wait", "table-exists", "--table-name", "cli-orders");
        StringBuilder puts = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            puts.append(i > 1 ? "," : "").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"u1\"},\"sk\":{\"N\":\"").append(i)
                    .append("\"},\"total\":{\"N\":\"").append(i * 10).append("\"}}}}");
        }
        ok("dynamodb", "batch-write-item", "--request-items", "{\"cli-orders\":[" + puts + "]}");
        Result conflict = aws("dynamodb", "put-item", "--table-name", "cli-orders", "--item", "{\"pk\":{\"S\":\"u1\"},\"sk\":{\"N\":\"1\"}}",
                "--condition-expression", "attribute_not_exists(pk)");
        assertThat(conflict.exit()).isNotZero();
        assertThat(conflict.err()).contains("ConditionalCheckFailedException");
        JsonNode query = ok("dynamodb", "query", "--table-name", "cli-orders", "--key-condition-expression", "pk = :p AND sk >= :s",
                "--expression-attribute-values", "{\":p\":{\"S\":\"u1\"},\":s\":{\"N\":\"3\"}}", "--no-scan-index-forward");
        List<String> sks = new ArrayList<>();
        query.get("Items").forEach(i -> sks.add(i.get("sk").get("N").asText()));
        assertThat(sks).containsExactly("5", "4", "3");
        JsonNode scan = ok("dynamodb", "scan", "--table-name", "cli-orders", "--page-size", "2"); // the CLI follows LastEvaluatedKey
        assertThat(scan.get("Items")).hasSize(5);
        JsonNode updated = ok("dynamodb", "update-item", "--table-name", "cli-orders", "--key", "{\"pk\":{\"S\":\"u1\"},\"sk\":{\"N\":\"1\"}}",
                "--update-expression", "ADD total :d", "--expression-attribute-values", "{\":d\":{\"N\":\"5\"}}",
                "--return-values", "UPDATED_NEW");
        assertThat(updated.get("Attributes").get("total").get("N").asText()).isEqualTo("15");
        Result missing = aws("dynamodb", "describe-table", "--table-name", "nope");
        assertThat(missing.err()).contains("ResourceNotFoundException");
    }

    /** {@code aws logs tail --follow} polls FilterLogEvents and drops events whose eventId it printed already. */
    @Test
    void logsTailFollowPrintsEachEventOnce() throws Exception {
        fx.aws.logs().createLogGroup(r -> r.logGroupName("/tail/cli"));
        fx.aws.logs().createLogStream(r -> r.logGroupName("/tail/cli").logStreamName("s"));
        long now = System.currentTimeMillis();
        fx.aws.logs().putLogEvents(r -> r.logGroupName("/tail/cli").logStreamName("s").logEvents(
                e -> e.timestamp(now).message("first"), e -> e.timestamp(now).message("second")));
        Path out = dir.resolve("tail.txt");
        Process tail = cli("logs", "tail", "/tail/cli", "--follow", "--format", "short")
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitFor(out, "second");
            fx.aws.logs().putLogEvents(r -> r.logGroupName("/tail/cli").logStreamName("s").logEvents(
                    e -> e.timestamp(System.currentTimeMillis()).message("third")));
            waitFor(out, "third"); // at least one more poll, which sees first and second again
        } finally {
            tail.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(lines).containsExactly("first", "second", "third");
    }

    private static void waitFor(Path file, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            assertThat(System.currentTimeMillis()).as("aws logs tail printed %s", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void apiGatewayAndS3() throws Exception {
        JsonNode api = ok("apigatewayv2", "create-api", "--name", "cli-api", "--protocol-type", "HTTP");
        assertThat(api.get("ApiEndpoint").asText()).contains(".execute-api.localhost:");
        String id = api.get("ApiId").asText();
        fx.aws.apiGateway().createStage(r -> r.apiId(id).stageName("prod").autoDeploy(true));
        assertThat(ok("apigatewayv2", "get-stages", "--api-id", id).get("Items").get(0).get("StageName").asText()).isEqualTo("prod");
        Result missing = aws("apigatewayv2", "get-api", "--api-id", "nope");
        assertThat(missing.err()).contains("NotFoundException");

        ok("s3api", "create-bucket", "--bucket", "cli-bucket");
        Path file = dir.resolve("object.txt");
        Files.writeString(file, "object body");
        ok("s3api", "put-object", "--bucket", "cli-bucket", "--key", "k/o.txt", "--body", file.toString(), "--tagging", "a=b");
        Path back = dir.resolve("back.txt");
        ok("s3api", "get-object", "--bucket", "cli-bucket", "--key", "k/o.txt", back.toString());
        assertThat(Files.readString(back, StandardCharsets.UTF_8)).isEqualTo("object body");
        assertThat(ok("s3api", "get-object-tagging", "--bucket", "cli-bucket", "--key", "k/o.txt").get("TagSet").get(0).get("Key")
                .asText()).isEqualTo("a");
    }

    /** Quick create: the target becomes an AWS_PROXY integration behind a $default route and an auto-deploying $default stage. */
    @Test
    void apiGatewayQuickCreate() throws Exception {
        String fn = "arn:aws:lambda:us-east-1:000000000000:function:quick-fn";
        String id = ok("apigatewayv2", "create-api", "--name", "quick", "--protocol-type", "HTTP", "--target", fn).get("ApiId").asText();
        var gw = fx.aws.apiGateway();
        var integration = gw.getIntegrations(r -> r.apiId(id)).items();
        assertThat(integration).singleElement().satisfies(i -> {
            assertThat(i.integrationTypeAsString()).isEqualTo("AWS_PROXY");
            assertThat(i.integrationUri()).isEqualTo(fn);
            assertThat(i.payloadFormatVersion()).isEqualTo("2.0");
            assertThat(i.integrationMethod()).isEqualTo("POST");
        });
        assertThat(gw.getRoutes(r -> r.apiId(id)).items()).singleElement().satisfies(r -> {
            assertThat(r.routeKey()).isEqualTo("$default");
            assertThat(r.target()).isEqualTo("integrations/" + integration.get(0).integrationId());
        });
        assertThat(gw.getStages(r -> r.apiId(id)).items()).singleElement().satisfies(st -> {
            assertThat(st.stageName()).isEqualTo("$default");
            assertThat(st.autoDeploy()).isTrue();
            assertThat(st.apiGatewayManaged()).as("quick create's resources are managed by API Gateway").isTrue();
            assertThat(gw.getDeployments(r -> r.apiId(id)).items()).extracting(d -> d.deploymentId())
                    .containsExactly(st.deploymentId());
        });
        String keyed = gw.createApi(r -> r.name("keyed").protocolType("HTTP").target(fn).routeKey("GET /hi")).apiId();
        assertThat(gw.getRoutes(r -> r.apiId(keyed)).items()).extracting(r -> r.routeKey()).containsExactly("GET /hi");
    }

    /**
     * {@code aws s3 cp} of 20 MB goes multipart up and ranged down; {@code aws s3 ls} shows common prefixes. Each CLI
     * run costs a Python start, so the setup goes through the SDK.
     */
    @Test
    void s3CopyBothWaysListAndRange() throws Exception {
        var s3 = fx.aws.s3();
        s3.createBucket(r -> r.bucket("cli-big"));
        s3.putObject(r -> r.bucket("cli-big").key("top.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("top"));
        byte[] data = new byte[20 * 1024 * 1024];
        new java.util.Random(13).nextBytes(data);
        Path file = dir.resolve("big.bin");
        Files.write(file, data);
        Result up = aws("s3", "cp", file.toString(), "s3://cli-big/dir/big.bin");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(s3.headObject(r -> r.bucket("cli-big").key("dir/big.bin")).eTag()).as("uploaded in 8 MB parts").endsWith("-3\"");
        Path back = dir.resolve("big-back.bin");
        Result down = aws("s3", "cp", "s3://cli-big/dir/big.bin", back.toString());
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(sha256(back)).isEqualTo(sha256(file));

        Result ls = aws("s3", "ls", "s3://cli-big/");
        assertThat(ls.exit()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("PRE dir/").contains("top.txt").doesNotContain("big.bin");
        Result under = aws("s3", "ls", "s3://cli-big/dir/");
        assertThat(under.exit()).as(under.err()).isZero();
        assertThat(under.out()).contains(data.length + " big.bin").doesNotContain("top.txt");

        Path part = dir.resolve("range.bin");
        JsonNode ranged = ok("s3api", "get-object", "--bucket", "cli-big", "--key", "dir/big.bin", "--range", "bytes=100-109",
                part.toString());
        assertThat(ranged.get("ContentRange").asText()).isEqualTo("bytes 100-109/" + data.length);
        assertThat(ranged.get("AcceptRanges").asText()).isEqualTo("bytes");
        assertThat(Files.readAllBytes(part)).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 110));
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
