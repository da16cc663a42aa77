package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FixturePackages;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A function's calls are held to its execution role's policies, over real HTTP: a real function instance reports the
 * temporary credentials the local cloud gave it, and the SDK signed with them is refused or served as AWS would.
 */
class FunctionRolePoliciesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "000000000000";
    @TempDir
    Path dir;

    @Test
    void aFunctionMayCallOnlyWhatItsRoleAllows() throws Exception {
        byte[] zip = Files.readAllBytes(FixturePackages.fixtureZip(dir));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(new StateDelays(50, 50)));
             AwsClients admin = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 4);
             SdkHttpClient http = ApacheHttpClient.create()) {
            String role = admin.iam().createRole(r -> r.roleName("probe-role").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
            admin.lambda().createFunction(CreateFunctionRequest.builder().functionName("probe").role(role).runtime(Runtime.JAVA21)
                    .handler("io.javeze.local.exec.fixtures.Probe::handleRequest").timeout(30)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).build());
            admin.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("probe"));
            var out = admin.lambda().invoke(r -> r.functionName("probe").payload(SdkBytes.fromUtf8String("{\"env\":true}")));
            assertThat(out.functionError()).as(out.payload().asUtf8String()).isNull();
            JsonNode env = JSON.readTree(out.payload().asUtf8String()).path("env");
            String keyId = env.path("AWS_ACCESS_KEY_ID").asText();
            String secret = env.path("AWS_SECRET_ACCESS_KEY").asText();
            String token = env.path("AWS_SESSION_TOKEN").asText();
            assertThat(keyId).as("temporary credentials, as STS gives Lambda").matches("ASIA[A-Z2-7]{16}");
            assertThat(secret).hasSize(40).isNotEqualTo("test");
            assertThat(token).isNotBlank();
            var asFunction = StaticCredentialsProvider.create(AwsSessionCredentials.create(keyId, secret, token));
            URI endpoint = cloud.endpoint();
            String user = "arn:aws:sts::" + ACCOUNT + ":assumed-role/probe-role/probe";

            try (StsClient sts = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(asFunction).build()) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo(user);
            }
            try (StsClient forged = StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(keyId, secret, token + "x"))).build()) {
                assertThatThrownBy(forged::getCallerIdentity).isInstanceOf(AwsServiceException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403))
                        .hasMessageContaining("security token included in the request is invalid");
            }

            // SNS: not allowed, then allowed by an inline statement, then explicitly denied
            String topic = admin.sns().createTopic(r -> r.name("orders")).topicArn();
            try (SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(asFunction).build()) {
                assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("m1")))
                        .isInstanceOf(AuthorizationErrorException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403))
                        .hasMessageContaining("User: " + user + " is not authorized to perform: sns:Publish on resource: " + topic
                                + " because no identity-based policy allows the sns:Publish action");
                admin.iam().putRolePolicy(r -> r.roleName("probe-role").policyName("publish").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:Publish\",\"Resource\":\""
                                + topic + "\"}]}"));
                assertThat(sns.publish(r -> r.topicArn(topic).message("m2")).messageId()).isNotBlank();
                String other = admin.sns().createTopic(r -> r.name("audit")).topicArn();
                assertThatThrownBy(() -> sns.publish(r -> r.topicArn(other).message("m3")))
                        .as("granted on its topic only").isInstanceOf(AuthorizationErrorException.class);
                admin.iam().putRolePolicy(r -> r.roleName("probe-role").policyName("no-sns").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sns:*\",\"Resource\":\"*\"}]}"));
                assertThatThrownBy(() -> sns.publish(r -> r.topicArn(topic).message("m4")))
                        .isInstanceOf(AuthorizationErrorException.class)
                        .hasMessageContaining("with an explicit deny in an identity-based policy");
                admin.iam().deleteRolePolicy(r -> r.roleName("probe-role").policyName("no-sns"));
                assertThat(sns.publish(r -> r.topicArn(topic).message("m5")).messageId()).isNotBlank();
            }

            // S3: object reads need s3:GetObject on bucket/key, listing s3:ListBucket on the bucket
            admin.s3().createBucket(r -> r.bucket("uploads"));
            admin.s3().putObject(r -> r.bucket("uploads").key("in/a.txt"), RequestBody.fromString("hello"));
            try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .forcePathStyle(true).credentialsProvider(asFunction).build()) {
                assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("uploads").key("in/a.txt")))
                        .isInstanceOf(AwsServiceException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDenied"))
                        .hasMessageContaining("s3:GetObject on resource: arn:aws:s3:::uploads/in/a.txt");
                admin.iam().putRolePolicy(r -> r.roleName("probe-role").policyName("read").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                                + "\"Resource\":\"arn:aws:s3:::uploads/in/*\"}]}"));
                assertThat(s3.getObjectAsBytes(r -> r.bucket("uploads").key("in/a.txt")).asUtf8String()).isEqualTo("hello");
                assertThatThrownBy(() -> s3.listObjectsV2(r -> r.bucket("uploads")))
                        .hasMessageContaining("s3:ListBucket on resource: arn:aws:s3:::uploads ");
            }

            // SQS: a queue policy naming the role allows it without any identity statement
            String queue = admin.sqs().createQueue(r -> r.queueName("jobs")).queueUrl();
            try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(asFunction).build()) {
                assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody("j1")))
                        .isInstanceOf(AwsServiceException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403))
                        .hasMessageContaining("sqs:SendMessage on resource: arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs");
                admin.sqs().setQueueAttributes(r -> r.queueUrl(queue).attributes(Map.of(QueueAttributeName.POLICY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + role + "\"},"
                                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"arn:aws:sqs:us-east-1:" + ACCOUNT + ":jobs\"}]}")));
                assertThat(sqs.sendMessage(r -> r.queueUrl(queue).messageBody("j2")).messageId()).isNotBlank();
            }

            // a JSON service answers AccessDeniedException; the user's own credentials stay unrestricted
            try (LambdaClient lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).httpClient(http)
                    .credentialsProvider(asFunction).build()) {
                assertThatThrownBy(lambda::listFunctions).isInstanceOf(AwsServiceException.class)
                        .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"))
                        .hasMessageContaining("lambda:ListFunctions on resource: *");
            }
            assertThat(admin.lambda().listFunctions().functions()).hasSize(1);
        }
    }
}
