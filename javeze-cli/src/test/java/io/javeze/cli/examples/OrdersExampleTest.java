package io.javeze.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * examples/orders, a DynamoDB table and an S3 bucket declared in [resources]: `javeze build --output json` and
 * `deploy --dry-run` show what each function is granted and why, `javeze deploy --local` deploys it, and its routes
 * answer from the table and the bucket. The table and bucket are created by the test, as an operator creates them:
 * javeze grants access to declared resources, it does not create them.
 */
class OrdersExampleTest {
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/orders-example";

    @Test
    void grantsAreShownAndScopedThenTheRoutesAnswerFromTheTableAndTheBucket(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("orders", tmp.resolve("orders"));
        CliRun build = CliRun.of("build", "--project", project.toString(), "--output", "json");
        assertThat(build.exitCode()).as(build.err()).isZero();
        JsonNode packages = ManifestStore.json().readTree(build.out()).get("packages");
        JsonNode create = function(packages, "create");
        assertThat(create.get("warnings")).isEmpty();
        assertThat(create.get("statements")).singleElement().satisfies(s -> {
            assertThat(s.get("actions").toString()).isEqualTo("[\"dynamodb:PutItem\"]");
            assertThat(s.get("resources").toString()).isEqualTo("[\"arn:${partition}:dynamodb:us-east-1:${account}:table/orders-example\","
                    + "\"arn:${partition}:dynamodb:us-east-1:${account}:table/orders-example/index/*\"]");
            assertThat(s.get("sources").toString()).contains("example.orders.OrderTable.put(OrderTable.java:");
        });
        assertThat(function(packages, "receipt").get("statements")).singleElement()
                .satisfies(s -> assertThat(s.get("actions").toString()).isEqualTo("[\"s3:GetObject\"]"));
        assertThat(function(packages, "attach-receipt").get("statements")).extracting(s -> s.get("actions").toString())
                .containsExactly("[\"dynamodb:GetItem\"]", "[\"s3:PutObject\"]");

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"));
             DynamoDbClient dynamo = dynamo(cloud.endpoint())) {
            createTableAndBucket(aws, dynamo);
            String[] target = {"--project", project.toString(), "--local", "--endpoint-url", cloud.endpoint().toString()};

            CliRun plan = CliRun.of(concat(new String[] {"deploy", "--dry-run"}, target));
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("Permissions (beyond logging, topics and queues):",
                    "    Allow dynamodb:PutItem on " + TABLE_ARN + ", " + TABLE_ARN + "/index/*",
                    "      from example.orders.OrderTable.put(OrderTable.java:",
                    "    Allow dynamodb:Query on " + TABLE_ARN + ", " + TABLE_ARN + "/index/*",
                    "    Allow s3:GetObject on arn:aws:s3:::orders-example-receipts, arn:aws:s3:::orders-example-receipts/*");
            assertThat(plan.err()).doesNotContain("warning");

            CliRun deploy = CliRun.of(concat(new String[] {"deploy"}, target));
            assertThat(deploy.exitCode()).as(deploy.err()).isZero();
            String base = deploy.out().lines().filter(l -> l.contains("POST /orders -> ")).findFirst().orElseThrow().split(" -> ")[1];
            URI endpoint = cloud.endpoint();

            assertThat(Examples.send("POST", base, "{\"id\":\"o-1\",\"customer\":\"ada\",\"total\":42}", endpoint, Map.of()))
                    .startsWith("200");
            assertThat(Examples.get(base + "/o-1", endpoint, Map.of())).startsWith("200").contains("\"customer\":\"ada\"");
            assertThat(Examples.get(base + "/o-2", endpoint, Map.of())).startsWith("404");
            assertThat(Examples.get(base.replace("/orders", "/customers/ada/orders"), endpoint, Map.of()))
                    .startsWith("200").contains("\"id\":\"o-1\"");
            assertThat(Examples.send("PUT", base + "/o-1/receipt", "paid by card", endpoint, Map.of())).startsWith("200");
            assertThat(Examples.get(base + "/o-1/receipt", endpoint, Map.of())).isEqualTo("200 paid by card");
            assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("orders-example-receipts").key("o-1.txt")).asUtf8String())
                    .isEqualTo("paid by card");

            String receiptRole = aws.lambda().getFunction(b -> b.functionName("orders-receipt").qualifier("prod")).configuration().role();
            String policy = aws.iam().getRolePolicy(b -> b.roleName(receiptRole.substring(receiptRole.lastIndexOf('/') + 1))
                    .policyName("javeze-permissions")).policyDocument();
            assertThat(java.net.URLDecoder.decode(policy, java.nio.charset.StandardCharsets.UTF_8))
                    .contains("s3:GetObject").doesNotContain("dynamodb").doesNotContain("s3:PutObject");
        }
    }

    private static JsonNode function(JsonNode packages, String name) {
        for (JsonNode p : packages) {
            if (p.get("function").asText().equals(name)) return p;
        }
        throw new AssertionError("no package " + name + " in " + packages);
    }

    private static void createTableAndBucket(AwsClients aws, DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName("orders-example")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("customer").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("by-customer").keySchema(k -> k.attributeName("customer").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .billingMode("PAY_PER_REQUEST"));
        aws.s3().createBucket(b -> b.bucket("orders-example-receipts"));
    }

    private static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsTarget.LOCAL_ACCESS_KEY, AwsTarget.LOCAL_SECRET_KEY))).build();
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
