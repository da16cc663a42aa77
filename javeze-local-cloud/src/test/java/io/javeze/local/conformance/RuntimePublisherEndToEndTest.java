package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.publishing.PublishingFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * javeze-runtime's {@code Topics.publish} inside a function the local cloud runs: the package holds only what a
 * publishing javeze function ships (the runtime, its JSON and Lambda libraries, the SDK's SigV4 signer and
 * URL-connection client), the Publish goes over HTTP to the local cloud, whose SigV4 check accepts the SDK signer's
 * signature, and the message reaches the topic's SQS subscriber.
 */
class RuntimePublisherEndToEndTest {
    /** One class from each jar a publishing function loads; a jar missing here makes the publish fail. */
    private static final List<String> SHIPPED = List.of(
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler", "com.fasterxml.jackson.jr.ob.JSON",
            "com.fasterxml.jackson.core.JsonFactory", "org.crac.Core",
            "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner", "software.amazon.awssdk.http.auth.spi.signer.HttpSigner",
            "software.amazon.awssdk.http.SdkHttpClient", "software.amazon.awssdk.identity.spi.AwsCredentialsIdentity",
            "software.amazon.awssdk.utils.StringUtils", "software.amazon.awssdk.checksums.SdkChecksum",
            "software.amazon.awssdk.checksums.spi.ChecksumAlgorithm", "software.amazon.awssdk.annotations.SdkPublicApi",
            "software.amazon.awssdk.metrics.MetricCollector", "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
            "org.reactivestreams.Publisher", "org.slf4j.LoggerFactory");
    private static final long MAX_PUBLISHING_PACKAGE = 2_500_000;

    @TempDir
    Path dir;

    @Test
    void aDeployedFunctionPublishesAndTheSubscriberQueueReceives() throws Exception {
        byte[] zip = publishingPackage();
        System.out.printf("publishing package, jars included: %d bytes%n", zip.length);
        assertThat((long) zip.length).as("a publishing function's whole package, jars included").isLessThanOrEqualTo(MAX_PUBLISHING_PACKAGE);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(new StateDelays(50, 50)));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 4)) {
            String topicArn = aws.sns().createTopic(r -> r.name("events")).topicArn();
            String queueUrl = aws.sqs().createQueue(r -> r.queueName("events-in")).queueUrl();
            String queueArn = aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            aws.sqs().setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(Map.of("Policy", """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                    "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                    .formatted(queueArn, topicArn))));
            aws.sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));

            String role = aws.iam().createRole(r -> r.roleName("publisher").assumeRolePolicyDocument(CloudFixture.TRUST)).role().arn();
            aws.iam().putRolePolicy(r -> r.roleName("publisher").policyName("publish").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"%s"}]}""".formatted(topicArn)));
            aws.lambda().createFunction(r -> r.functionName("publish").role(role).runtime(Runtime.JAVA21).timeout(30)
                    .handler(PublishingFunction.class.getName() + "::handleRequest")
                    .environment(e -> e.variables(Map.of("JAVEZE_TOPIC_EVENTS", topicArn)))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("publish"));

            var out = aws.lambda().invoke(r -> r.functionName("publish").payload(SdkBytes.fromUtf8String("{\"order\":\"o-7\"}")));
            assertThat(out.functionError()).as(out.payload().asUtf8String()).isNull();
            String messageId = out.payload().asUtf8String().replace("\"", "");
            assertThat(messageId).as("SNS's message id, read from its XML answer").isNotBlank();

            List<Message> received = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(10)).messages();
            assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("{\"order\":\"o-7\"}"));
        }
    }

    /** The fixture's classes at the root and, under lib/, javeze-runtime and the jars of {@link #SHIPPED}, as javeze-build lays them out. */
    private static byte[] publishingPackage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Path classes = location(PublishingFunction.class);
            String fixtures = PublishingFunction.class.getPackageName().replace('.', '/');
            try (Stream<Path> files = Files.walk(classes.resolve(fixtures))) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    put(zip, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            put(zip, "lib/javeze-runtime.jar", jar(location(io.javeze.Topics.class)));
            for (String type : SHIPPED) {
                Path jar = location(Class.forName(type));
                put(zip, "lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return bytes.toByteArray();
    }

    /** javeze-runtime as a jar, also when the reactor gives its classes directory. */
    private static byte[] jar(Path location) throws IOException {
        if (Files.isRegularFile(location)) return Files.readAllBytes(location);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                put(jar, location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(type + ": no location", e));
        }
    }
}
