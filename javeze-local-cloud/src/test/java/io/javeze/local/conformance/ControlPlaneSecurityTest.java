package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Only AWS clients reach the AWS API: no drive-by requests from web pages, no DNS rebinding, verified SigV4. */
class ControlPlaneSecurityTest {
    private static final String EVIL = "http://evil.example";

    @TempDir
    Path dir;

    @Test
    void theIssuesDriveByRequestsFromAWebPageAreRefusedAndCreateNothing() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String zip = Base64.getEncoder().encodeToString(CloudFixture.sampleZip());
            String createFunction = "{\"FunctionName\":\"pwn\",\"Runtime\":\"java21\",\"Role\":\"arn:aws:iam::000000000000:role/pwn\","
                    + "\"Handler\":\"a.B::c\",\"Code\":{\"ZipFile\":\"" + zip + "\"}}";
            for (Map<String, String> browser : List.of(Map.of("Origin", EVIL), Map.<String, String>of())) {
                var role = fx.send("POST", "/?X-Amz-Credential=A%2F20260101%2Fus-east-1%2Fiam%2Faws4_request",
                        with(browser, "Content-Type", "application/x-www-form-urlencoded"),
                        "Action=CreateRole&Version=2010-05-08&RoleName=pwn&AssumeRolePolicyDocument=" + CloudFixture.TRUST);
                var function = fx.send("POST", "/2015-03-31/functions?X-Amz-Credential=A%2F20260101%2Fus-east-1%2Flambda%2Faws4_request",
                        with(browser, "Content-Type", "text/plain"), createFunction);
                var invoke = fx.send("POST", "/2015-03-31/functions/pwn/invocations?X-Amz-Credential=A%2F20260101%2Fus-east-1%2Flambda%2Faws4_request",
                        with(browser, "Content-Type", "text/plain"), "{}");
                assertThat(List.of(role.statusCode(), function.statusCode(), invoke.statusCode())).as("refused, with " + browser)
                        .allSatisfy(status -> assertThat(status).isIn(400, 403));
                if (!browser.isEmpty()) {
                    assertThat(role.body()).contains("<Code>AccessDenied</Code>").contains("evil.example");
                }
            }
            assertThat(fx.aws.iam().listRoles().roles()).noneMatch(r -> r.roleName().equals("pwn"));
            assertThat(fx.aws.lambda().listFunctions().functions()).isEmpty();
            assertThat(fx.executor == null || fx.executor.calls.isEmpty()).as("no code ran").isTrue();
        }
    }

    @Test
    void aSignedRequestReachingUsUnderAForeignHostNameIsRefused() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String body = "Action=CreateRole&Version=2010-05-08&RoleName=rebound&AssumeRolePolicyDocument=x";
            URI foreign = URI.create("http://evil.example:" + fx.endpoint().getPort() + "/");
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/x-www-form-urlencoded"));
            headers.putAll(Signing.headers("POST", foreign, "iam", headers, body, "test"));
            headers.put("Host", foreign.getAuthority());
            var rebound = fx.send("POST", "/", headers, body);
            assertThat(rebound.statusCode()).isEqualTo(403);
            assertThat(rebound.body()).contains("not a loopback name");
            var dataPlane = fx.send("GET", "/_api/abc/$default/x", Map.of("Host", foreign.getAuthority()), null);
            assertThat(dataPlane.statusCode()).isEqualTo(403);
            assertThat(fx.aws.iam().listRoles().roles()).noneMatch(r -> r.roleName().equals("rebound"));
        }
    }

    @Test
    void signaturesAreVerified() {
        try (CloudFixture fx = new CloudFixture(dir)) {
            String form = "Action=GetCallerIdentity&Version=2011-06-15";
            Map<String, String> formType = Map.of("Content-Type", "application/x-www-form-urlencoded");
            assertThat(fx.raw("POST", "/", "sts", formType, form).statusCode()).isEqualTo(200);

            var wrongSecret = fx.send("POST", "/", with(Signing.headers("POST", fx.endpoint().resolve("/"), "sts", formType, form,
                    "not-the-secret"), "Content-Type", "application/x-www-form-urlencoded"), form);
            assertThat(wrongSecret.statusCode()).isEqualTo(403);
            assertThat(wrongSecret.body()).contains("<Code>SignatureDoesNotMatch</Code>");

            var tamperedBody = fx.send("POST", "/", with(Signing.headers("POST", fx.endpoint().resolve("/"), "sts", formType, form,
                    "test"), "Content-Type", "application/x-www-form-urlencoded"), form.replace("GetCallerIdentity", "GetSessionToken"));
            assertThat(tamperedBody.statusCode()).isIn(400, 403);

            Clock twentyMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
            var stale = fx.send("GET", "/2015-03-31/functions/", Signing.headers("GET", fx.endpoint().resolve("/2015-03-31/functions/"),
                    "lambda", Map.of(), null, "test", twentyMinutesAgo), null);
            assertThat(stale.statusCode()).isEqualTo(403);
            assertThat(stale.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");
            assertThat(stale.body()).contains("Signature expired");

            var badLambda = fx.send("GET", "/2015-03-31/functions/", Signing.headers("GET", fx.endpoint().resolve("/2015-03-31/functions/"),
                    "lambda", Map.of(), null, "nope"), null);
            assertThat(badLambda.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidSignatureException");

            var oldFunctionKeys = fx.send("GET", "/2015-03-31/functions/", Signing.headers("GET", fx.endpoint().resolve("/2015-03-31/functions/"),
                    "lambda", Map.of(), null, "javeze-local", "javeze-local", Clock.systemUTC()), null);
            assertThat(oldFunctionKeys.statusCode()).as("functions no longer share fixed credentials: each gets its role's session")
                    .isEqualTo(403);
        }
    }

    @Test
    void presignedS3UrlsWorkAndTamperedOnesAreRefused() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir);
             S3Presigner presigner = S3Presigner.builder().endpointOverride(fx.endpoint()).region(Region.US_EAST_1)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "test"))).build()) {
            fx.aws.s3().createBucket(r -> r.bucket("shared"));
            fx.aws.s3().putObject(r -> r.bucket("shared").key("note.txt"), RequestBody.fromString("hello"));
            URI url = presigner.presignGetObject(r -> r.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("shared").key("note.txt"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            var ok = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("hello");
            URI tampered = URI.create(url.toString().replace("note.txt", "other.txt"));
            var refused = http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        }
    }

    @Test
    void preflightsAndWebPagesAreRefusedUnlessTheOriginIsAllowed() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir.resolve("a"))) {
            var preflight = fx.send("OPTIONS", "/2015-03-31/functions/", Map.of("Origin", "http://localhost:3000",
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"), null);
            assertThat(preflight.statusCode()).isEqualTo(403);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            var fetchSite = fx.send("GET", "/2015-03-31/functions/", with(Signing.headers("GET",
                    fx.endpoint().resolve("/2015-03-31/functions/"), "lambda", Map.of(), null, "test"), "Sec-Fetch-Site", "cross-site"), null);
            assertThat(fetchSite.statusCode()).isEqualTo(403);
            var dataPlane = fx.send("GET", "/_api/nope/$default/x", Map.of("Origin", EVIL), null);
            assertThat(dataPlane.statusCode()).as("the user's API serves browsers").isEqualTo(404);
        }
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("b"))
                .withAllowedOrigins(List.of("http://localhost:3000")))) {
            HttpClient http = HttpClient.newHttpClient();
            URI functions = cloud.endpoint().resolve("/2015-03-31/functions/");
            var preflight = http.send(HttpRequest.newBuilder(functions).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            HttpRequest.Builder signed = HttpRequest.newBuilder(functions).header("Origin", "http://localhost:3000");
            Signing.headers("GET", functions, "lambda", Map.of(), null, "test").forEach(signed::header);
            assertThat(http.send(signed.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpRequest.Builder other = HttpRequest.newBuilder(functions).header("Origin", EVIL);
            Signing.headers("GET", functions, "lambda", Map.of(), null, "test").forEach(other::header);
            assertThat(http.send(other.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void slowBodiesHoldNoServerThreadAndOthersKeepBeingAnswered() throws Exception {
        try (CloudFixture fx = new CloudFixture(dir)) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 220; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", fx.endpoint().getPort()), 2_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /2015-03-31/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(s);
                }
                long start = System.nanoTime();
                assertThat(fx.aws.sts().getCallerIdentity().account()).isNotEmpty();
                var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fx.endpoint().resolve("/_javeze/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }
}
