package bench.functiondeploy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Single-function create and code+configuration update, javeze CLI against the AWS CLI, in the same run against
 * one local cloud with realistic Lambda state delays (Pending ~1 s after create, InProgress ~0.5 s after update).
 * Both tools run as fresh processes, as a user runs them, with the same role, package and settings.
 * Args: javeze-cli jar, work dir, runs.
 */
public final class FunctionDeployBench {
    private static final String ROLE_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String HANDLER = Hello.class.getName() + "::handleRequest";

    public static void main(String[] args) throws Exception {
        Path cliJar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        Files.createDirectories(work);
        Path codeA = zip(work.resolve("a.zip"), "a");
        Path codeB = zip(work.resolve("b.zip"), "b");

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0)
                .withDataDir(work.resolve("cloud")).withDelays(StateDelays.realistic()));
             AwsClients aws = new AwsClients(AwsTarget.local(cloud.endpoint(), "us-east-1"))) {
            String endpoint = cloud.endpoint().toString();
            String role = aws.iam().createRole(r -> r.roleName("bench-role").assumeRolePolicyDocument(ROLE_TRUST)).role().arn();
            List<Long> jCreate = new ArrayList<>(), jUpdate = new ArrayList<>(), aCreate = new ArrayList<>(), aUpdate = new ArrayList<>();
            List<String> javeze = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-jar", cliJar.toString(),
                    "function", "deploy", "--local", "--endpoint-url", endpoint, "--role", role, "--handler", HANDLER);
            List<String> awsCli = List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json", "lambda");
            for (int i = 0; i < runs; i++) {
                String j = "jv-" + i;
                String a = "aw-" + i;
                jCreate.add(time(concat(javeze, j, "--zip", codeA.toString())));
                jUpdate.add(time(concat(javeze, j, "--zip", codeB.toString(), "--memory", "1024")));

                long start = System.nanoTime();
                run(concat(awsCli, "create-function", "--function-name", a, "--runtime", "java21", "--handler", HANDLER,
                        "--role", role, "--zip-file", "fileb://" + codeA, "--architectures", "x86_64",
                        "--memory-size", "512", "--timeout", "30"));
                run(concat(awsCli, "wait", "function-active-v2", "--function-name", a));
                aCreate.add(millisSince(start));
                start = System.nanoTime();
                run(concat(awsCli, "update-function-code", "--function-name", a, "--zip-file", "fileb://" + codeB));
                run(concat(awsCli, "wait", "function-updated-v2", "--function-name", a));
                run(concat(awsCli, "update-function-configuration", "--function-name", a, "--memory-size", "1024"));
                run(concat(awsCli, "wait", "function-updated-v2", "--function-name", a));
                aUpdate.add(millisSince(start));
                for (String fn : List.of(j, a)) {
                    var c = aws.lambda().getFunctionConfiguration(r -> r.functionName(fn));
                    if (c.memorySize() != 1024 || !"Successful".equals(c.lastUpdateStatusAsString())) {
                        throw new IllegalStateException(fn + " did not end updated: " + c);
                    }
                }
                System.err.print('.');
            }
            System.err.println();
            System.out.printf("runs: %d (median ms, each a fresh process; local cloud Pending %d ms, InProgress %d ms)%n",
                    runs, StateDelays.realistic().createMillis(), StateDelays.realistic().updateMillis());
            System.out.printf("%-34s %8s %8s%n", "", "javeze", "aws cli");
            System.out.printf("%-34s %8d %8d%n", "create (until Active)", median(jCreate), median(aCreate));
            System.out.printf("%-34s %8d %8d%n", "update code + memory (until done)", median(jUpdate), median(aUpdate));
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        Collections.addAll(all, tail);
        return all;
    }

    private static long time(List<String> command) throws Exception {
        long start = System.nanoTime();
        run(command);
        return millisSince(start);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", AwsTarget.LOCAL_ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsTarget.LOCAL_SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("JAVEZE_NO_REBUILD", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Hello plus aws-lambda-java-core under lib/, and a marker so the two packages differ. */
    private static Path zip(Path target, String marker) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            entry(zip, Hello.class.getName().replace('.', '/') + ".class", classBytes());
            entry(zip, "lib/aws-lambda-java-core.jar",
                    Files.readAllBytes(Path.of(RequestHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
            entry(zip, "marker.txt", marker.getBytes(StandardCharsets.UTF_8));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return target;
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = Hello.class.getResourceAsStream("Hello.class")) {
            return in.readAllBytes();
        }
    }

    private static void entry(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }
}
