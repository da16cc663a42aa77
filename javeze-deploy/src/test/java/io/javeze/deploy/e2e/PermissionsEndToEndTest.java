package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose route writes to a declared S3 bucket through the SDK ({@code @Uses("receipts")}) and whose other
 * route sends to SQS without a declared queue: deployed to the local cloud, its role's inline policy (read through
 * the IAM API) grants exactly the inferred S3 actions on the bucket's ARNs, the SQS call is a warning naming its call
 * site, and the function's environment names the bucket (examples/orders' test calls such routes end to end).
 */
class PermissionsEndToEndTest {
    static final String SERVICE = "e2e-perms";
    static final String BUCKET = "e2e-perms-receipts";

    @TempDir
    static Path temp;
    static Path project;
    static LocalCloud cloud;
    static LocalClients local;

    @BeforeAll
    static void buildAndStart() throws Exception {
        project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("javeze.toml"), """
                service_name = "%s"
                [deployment]
                region = "us-east-1"
                [lambda]
                memory_size = 256
                timeout = 20
                [resources]
                receipts = { type = "s3", name = "%s" }

                [[functions.notify.iam.statements]]
                actions = ["ses:SendEmail"]
                resources = ["arn:aws:ses:us-east-1:000000000000:identity/example.com"]
                """.formatted(SERVICE, BUCKET));
        String sdk = """
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>%s</artifactId>
                  <version>2.41.18</version>
                  <exclusions>
                    <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>apache-client</artifactId></exclusion>
                    <exclusion><groupId>software.amazon.awssdk</groupId><artifactId>netty-nio-client</artifactId></exclusion>
                  </exclusions>
                </dependency>
                """;
        Files.writeString(project.resolve("pom.xml"), TestApp.POM.replace("<dependencies>", "<dependencies>\n" + sdk.formatted("s3")
                + sdk.formatted("sqs")));
        Path src = Files.createDirectories(project.resolve("src/main/java/app"));
        Files.writeString(src.resolve("Receipts.java"), """
                package app;

                import io.javeze.Resources;
                import io.javeze.Route;
                import io.javeze.Uses;
import io.javeze.Body;
                import software.amazon.awssdk.core.sync.RequestBody;
                import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
                import software.amazon.awssdk.services.s3.S3Client;

                @Uses("receipts")
                public final class Receipts {
                    private static final S3Client S3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();

                    private Receipts() {}

                    @Route(method = "PUT", path = "/receipts/{id}")
                    public static String save(String id, @Body String body) {
                        S3.putObject(b -> b.bucket(Resources.name("receipts")).key(id), RequestBody.fromString(body));
                        return "saved " + id;
                    }
                }
                """);
        Files.writeString(src.resolve("Notify.java"), """
                package app;

                import io.javeze.Body;
                import io.javeze.Route;
                import software.amazon.awssdk.services.sqs.SqsClient;

                public final class Notify {
                    private Notify() {}

                    @Route(method = "POST", path = "/notify")
                    public static String notify(@Body String body) {
                        try (SqsClient sqs = SqsClient.create()) {
                            sqs.sendMessage(b -> b.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/undeclared").messageBody(body));
                        }
                        return "sent";
                    }
                }
                """);
        new TestApp(project).build();
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
        local = new LocalClients(cloud.endpoint());
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
        if (cloud != null) cloud.close();
    }

    static DeployReport deploy(boolean dryRun) {
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            return deployer.deploy(project, dryRun);
        }
    }

    @Test
    void theRolePolicyGrantsTheInferredCallsOnTheDeclaredBucketOnly() throws Exception {
        DeployReport dry = deploy(true);
        FunctionGrants.Result save = dry.permissions().stream().filter(g -> g.function().equals("save")).findFirst().orElseThrow();
        assertThat(save.statements()).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("s3:PutObject");
            assertThat(s.resources()).containsExactly("arn:aws:s3:::" + BUCKET, "arn:aws:s3:::" + BUCKET + "/*");
            assertThat(s.sources()).singleElement().asString().startsWith("app.Receipts.save(Receipts.java:");
        });
        assertThat(dry.warnings()).singleElement().asString()
                .startsWith("function notify: sqs:SendMessage at app.Notify.notify(Notify.java:13) is not granted");

        DeployReport report = deploy(false);
        assertThat(report.warnings()).isEqualTo(dry.warnings());

        JsonNode saveRole = rolePolicy("save");
        assertThat(saveRole.get("Statement")).singleElement().satisfies(s -> {
            assertThat(s.get("Action").toString()).isEqualTo("[\"s3:PutObject\"]");
            assertThat(s.get("Resource").toString()).isEqualTo("[\"arn:aws:s3:::" + BUCKET + "\",\"arn:aws:s3:::" + BUCKET + "/*\"]");
        });
        JsonNode notifyRole = rolePolicy("notify");
        assertThat(notifyRole.toString()).doesNotContain("sqs:").doesNotContain("\"*\"").contains("ses:SendEmail");

        assertThat(local.clients.lambda().getFunction(b -> b.functionName(SERVICE + "-save").qualifier("prod")).configuration()
                .environment().variables()).containsEntry("JAVEZE_RESOURCE_RECEIPTS", BUCKET);

        DeployReport again = deploy(false);
        assertThat(again.plan()).as("converged").isEmpty();
    }

    /** The inline policy of the role the function's stage alias runs with, through the IAM API. */
    static JsonNode rolePolicy(String function) {
        String role = local.clients.lambda().getFunction(b -> b.functionName(SERVICE + "-" + function).qualifier("prod"))
                .configuration().role();
        String name = role.substring(role.lastIndexOf('/') + 1);
        List<String> names = new ArrayList<>(local.clients.iam().listRolePolicies(b -> b.roleName(name)).policyNames());
        assertThat(names).containsExactly(RoleTarget.INLINE_POLICY_NAME);
        return Policies.parse(local.clients.iam().getRolePolicy(b -> b.roleName(name).policyName(RoleTarget.INLINE_POLICY_NAME))
                .policyDocument());
    }
}
