package io.javeze.local.conformance;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.fault.FaultInjection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;

/** A local cloud on an ephemeral port with a temp data dir, a fake executor and SDK clients pointed at it. */
final class CloudFixture implements AutoCloseable {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    final Path dataDir;
    final LocalCloud cloud;
    final AwsClients aws;
    FakeExecutor executor;

    CloudFixture(Path dataDir) {
        this(dataDir, FaultInjection.none());
    }

    CloudFixture(Path dataDir, FaultInjection faults) {
        this.dataDir = dataDir;
        this.cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dataDir)
                .withDelays(new StateDelays(400, 400)).withFaults(faults)
                .withExecutor((endpoint, logs) -> executor = new FakeExecutor(logs)));
        this.aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"));
    }

    URI endpoint() {
        return cloud.endpoint();
    }

    String createRole(String name) {
        return aws.iam().createRole(CreateRoleRequest.builder().roleName(name).assumeRolePolicyDocument(TRUST).build()).role().arn();
    }

    /** A role Lambda may read SQS queues with (AWSLambdaSQSQueueExecutionRole), as an event source mapping needs. */
    String createConsumerRole(String name) {
        String arn = createRole(name);
        aws.iam().attachRolePolicy(r -> r.roleName(name).policyArn(SQS_EXECUTION_POLICY));
        return arn;
    }

    static final String SQS_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";

    String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
    }

    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] sampleZip() {
        return zip(Map.of("com/example/Hello.class", "not really a class", "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"));
    }

    /** A raw request signed (with the SDK's signer and the local secret) for {@code service}, or unsigned when null. */
    HttpResponse<String> raw(String method, String path, String service, Map<String, String> headers, String body) {
        return send(method, path, service == null ? Map.copyOf(headers)
                : Signing.headers(method, cloud.endpoint().resolve(path), service, headers, body, "test"), body);
    }

    /** A request exactly as given: no signing, any headers (Host and Origin included). */
    HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(cloud.endpoint().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        try {
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        aws.close();
        cloud.close();
    }
}
