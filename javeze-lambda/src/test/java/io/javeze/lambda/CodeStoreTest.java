package io.javeze.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.aws.AwsTimeouts;
import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

class CodeStoreTest {
    @TempDir
    Path dir;

    @Test
    void manyFunctionsSharingAPackageUploadItOnce() throws Exception {
        Path zip = Files.write(dir.resolve("shared.zip"), new byte[] {'P', 'K', 5, 6, 1, 2, 3});
        CodeStore.Package pkg = new CodeStore.Package(zip, sha256Hex(Files.readAllBytes(zip)), Files.size(zip));
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        ExecutionInterceptor counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud")));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), null), 8, AwsTimeouts.DEFAULT, List.of(counting))) {
            CodeStore store = new CodeStore(aws.s3(), "staging", Map.of(), AwsTimeouts.DEFAULT);
            store.ensureBucket("us-east-1");
            List<Future<PackageCode>> codes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                codes.add(pool.submit(() -> store.viaS3(pkg, "svc/" + pkg.sha256Hex() + ".zip", true)));
            }
            for (Future<PackageCode> code : codes) {
                assertThat(code.get().s3Key()).isEqualTo("svc/" + pkg.sha256Hex() + ".zip");
            }
            assertThat(calls.get("PutObject")).isEqualTo(1);
            assertThat(calls.get("HeadObject")).isEqualTo(1);
            assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("staging").key("svc/" + pkg.sha256Hex() + ".zip")).asByteArray())
                    .isEqualTo(Files.readAllBytes(zip));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPackageChangedSinceItWasIndexedIsRefusedFromLambdasOwnDigest() throws Exception {
        Path zip = Files.write(dir.resolve("p.zip"), new byte[] {1, 2, 3});
        CodeStore.Package stale = new CodeStore.Package(zip, sha256Hex(new byte[] {9}), 3);
        PackageCode code = CodeStore.inline(stale);
        assertThat(code.zipFile().asByteArray()).as("read, not hashed, before the request").containsExactly(1, 2, 3);
        String lambdaDigest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> code.verify(lambdaDigest)).isInstanceOf(JavezeException.class)
                .hasMessage(zip + ": changed since it was packaged; build it again");
        CodeStore.inline(new CodeStore.Package(zip, sha256Hex(new byte[] {1, 2, 3}), 3)).verify(lambdaDigest);
    }

    @Test
    void createAndUpdateCheckTheCodeLambdaStored() throws Exception {
        Path zip = Files.write(dir.resolve("fn.zip"), zipOf("Hello.class"));
        String fresh = sha256Hex(Files.readAllBytes(zip));
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir.resolve("cloud")));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), null), 4, AwsTimeouts.DEFAULT, List.of())) {
            String role = ExecutionRoles.create(aws.iam(), "fn-role", "test", Map.of(), "aws");
            LambdaFunctions functions = new LambdaFunctions(aws.lambda(), AwsTimeouts.DEFAULT);
            FunctionDefinition fn = new FunctionDefinition("checked", "java21", "Hello::handleRequest", role, 256, 10,
                    "x86_64", Map.of(), Map.of(), null, null);
            var created = functions.createPublished(fn, CodeStore.inline(new CodeStore.Package(zip, fresh, Files.size(zip))),
                    LambdaFunctions.GIVEN_ROLE_PROPAGATION, "v");
            assertThat(created.version()).isEqualTo("1");

            Files.write(zip, zipOf("Rebuilt.class")); // rebuilt after the index was written
            CodeStore.Package stale = new CodeStore.Package(zip, fresh, Files.size(zip));
            assertThatThrownBy(() -> functions.updateCode("checked", "x86_64", CodeStore.inline(stale)))
                    .isInstanceOf(JavezeException.class).hasMessage(zip + ": changed since it was packaged; build it again");
        }
    }

    private static byte[] zipOf(String entry) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.ZipOutputStream(bytes)) {
            out.putNextEntry(new java.util.zip.ZipEntry(entry));
            out.write(entry.getBytes());
        }
        return bytes.toByteArray();
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
