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
    void aPackageChangedSinceItWasIndexedIsNeverSent() throws Exception {
        Path zip = Files.write(dir.resolve("p.zip"), new byte[] {1, 2, 3});
        CodeStore.Package stale = new CodeStore.Package(zip, sha256Hex(new byte[] {9}), 3);
        assertThatThrownBy(() -> CodeStore.inline(stale)).isInstanceOf(JavezeException.class)
                .hasMessage(zip + ": changed since it was packaged; build it again");
        assertThat(CodeStore.inline(new CodeStore.Package(zip, sha256Hex(new byte[] {1, 2, 3}), 3)).zipFile().asByteArray())
                .containsExactly(1, 2, 3);
    }

    private static String sha256Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
