import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionRuntimeConfig;
import io.javeze.local.exec.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A deploy's Lambda step in isolation: N CreateFunction calls (distinct 1 MB zips, as a deploy's packages are) made by
 * one client thread, then by 8 client threads, each round on a fresh local cloud in this JVM; rounds alternate.
 * The ratio says how much of the control plane runs in parallel (Lambda's store locks per function).
 */
public final class LambdaParallelCreateBench {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    public static void main(String[] args) throws Exception {
        int functions = args.length > 0 ? Integer.parseInt(args[0]) : 56;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<byte[]> zips = new ArrayList<>();
        for (int i = 0; i < functions; i++) {
            zips.add(zip(i, 1024 * 1024));
        }
        round(functions, 8, zips); // warm-up: class loading, JIT
        List<Double> serial = new ArrayList<>();
        List<Double> parallel = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            serial.add(round(functions, 1, zips));
            parallel.add(round(functions, 8, zips));
        }
        serial.sort(null);
        parallel.sort(null);
        double s = serial.get(rounds / 2);
        double p = parallel.get(rounds / 2);
        System.out.printf("%d CreateFunction, 1 client thread:  median %.0f ms %s%n", functions, s, serial);
        System.out.printf("%d CreateFunction, 8 client threads: median %.0f ms %s%n", functions, p, parallel);
        System.out.printf("parallel / serial: %.2f%n", p / s);
    }

    private static double round(int functions, int threads, List<byte[]> zips) throws Exception {
        Path dir = Files.createTempDirectory("lambda-parallel-bench");
        FunctionExecutor noop = new FunctionExecutor() {
            public InvocationResult invoke(FunctionRuntimeConfig f, byte[] payload, String id) {
                return new InvocationResult(payload, null, "", 0);
            }
            public void evict(String arn) { }
            public void close() { }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir)
                .withDelays(new StateDelays(50, 50)).withExecutor((e, logs) -> noop));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            String role = aws.iam().createRole(r -> r.roleName("bench").assumeRolePolicyDocument(TRUST)).role().arn();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < functions; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    try {
                        aws.lambda().createFunction(r -> r.functionName("bench-" + n).role(role)
                                .runtime(Runtime.JAVA21).handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(zips.get(n)))));
                    } catch (ResourceConflictException createdByAnAttemptThatTimedOut) {
                        // on a loaded machine an attempt can pass the SDK's 4 s timeout after the cloud created the function
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] zip(int seed, int size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(0);
            out.putNextEntry(new ZipEntry("bench/F" + seed + ".class"));
            byte[] data = new byte[size];
            new java.util.Random(seed).nextBytes(data);
            out.write(data);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
