import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.aws.AwsTimeouts;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.ExecutorSettings;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Usage: EditBench <edits> <layer jar>... The tail of javeze dev's loop on the local cloud, as its deploy makes it: a
 * function with a layer behind the stage alias "prod" and an HTTP API; each edit is UpdateFunctionCode with Publish
 * (a handler class with other bytes) and UpdateAlias, while a client polls the route every 20 ms as the dev benchmark
 * does. Prints, per edit, the milliseconds from UpdateFunctionCode to the first answer of the new code.
 */
public class EditBench {
    public static void main(String[] args) throws Exception {
        int edits = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("edit-bench");
        LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud"))
                .withDelays(StateDelays.fast()));
        try (AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"), 8,
                new AwsTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5), 1L << 20), List.of())) {
            String role = aws.iam().createRole(CreateRoleRequest.builder().roleName("bench").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
                    .build()).role().arn();
            List<byte[]> layerJars = new ArrayList<>();
            ByteArrayOutputStream layer = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(layer)) {
                for (int i = 1; i < args.length; i++) {
                    zip.putNextEntry(new ZipEntry("java/lib/" + Path.of(args[i]).getFileName()));
                    zip.write(Files.readAllBytes(Path.of(args[i])));
                    zip.closeEntry();
                }
            }
            String layerArn = aws.lambda().publishLayerVersion(r -> r.layerName("deps")
                    .content(c -> c.zipFile(SdkBytes.fromByteArray(layer.toByteArray())))).layerVersionArn();
            byte[] first = greeter(dir, 0);
            String fn = aws.lambda().createFunction(r -> r.functionName("greeter").role(role).runtime(Runtime.JAVA21)
                    .handler("example.Greeter::handle").memorySize(512).timeout(30).layers(layerArn).publish(true)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(first)))).functionArn();
            aws.lambda().waiter().waitUntilFunctionActiveV2(r -> r.functionName("greeter"));
            aws.lambda().createAlias(r -> r.functionName("greeter").name("prod").functionVersion("1"));
            var api = aws.apiGateway();
            String apiId = api.createApi(r -> r.name("bench").protocolType(ProtocolType.HTTP)).apiId();
            String integration = api.createIntegration(r -> r.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
                    .integrationUri(fn + ":prod").payloadFormatVersion("2.0")).integrationId();
            api.createRoute(r -> r.apiId(apiId).routeKey("GET /greet").target("integrations/" + integration));
            api.createStage(r -> r.apiId(apiId).stageName("$default").autoDeploy(true));
            aws.lambda().addPermission(r -> r.functionName("greeter").qualifier("prod").statementId("apigw")
                    .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                    .sourceArn("arn:aws:execute-api:us-east-1:" + fn.split(":")[4] + ":" + apiId + "/*"));
            URI url = URI.create(cloud.endpoint() + "/_api/" + apiId + "/$default/greet");
            HttpClient http = HttpClient.newHttpClient();
            awaitAnswer(http, url, "v0");
            byte[][] zips = new byte[edits + 1][];
            for (int i = 1; i <= edits; i++) {
                zips[i] = greeter(dir, i);
            }
            Thread.sleep(3_000); // the first version's JVM settles
            for (int i = 1; i <= edits; i++) {
                int n = i;
                long t0 = System.nanoTime();
                String version = aws.lambda().updateFunctionCode(r -> r.functionName("greeter").publish(true)
                        .zipFile(SdkBytes.fromByteArray(zips[n]))).version();
                aws.lambda().updateAlias(r -> r.functionName("greeter").name("prod").functionVersion(version));
                awaitAnswer(http, url, "v" + n);
                System.out.printf("EDIT %d %d%n", n, (System.nanoTime() - t0) / 1_000_000);
                System.out.flush();
                Thread.sleep(500);
            }
        } finally {
            cloud.close();
        }
    }

    private static void awaitAnswer(HttpClient http, URI url, String text) throws Exception {
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** A package whose handler answers "v{n}": the same class, other bytes per edit. */
    private static byte[] greeter(Path dir, int n) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src" + n + "/example"));
        Files.writeString(src.resolve("Greeter.java"), "package example; public class Greeter {"
                + " public String handle(java.util.Map<String, Object> in) { return \"v" + n + "\"; } }");
        Path classes = dir.resolve("classes" + n);
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                src.resolve("Greeter.java").toString()) != 0) {
            throw new IllegalStateException("javac failed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("example/Greeter.class"));
            zip.write(Files.readAllBytes(classes.resolve("example/Greeter.class")));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
