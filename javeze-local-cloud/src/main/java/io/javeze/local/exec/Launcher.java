package io.javeze.local.exec;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Builds the process of one execution environment: the command line, classpath and Lambda's environment. */
final class Launcher {

    /** Classes whose jars make up the Java runtime: the RIC and what it needs, from this JVM's own classpath. */
    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private final JdkLocator jdks;
    private final URI awsEndpoint;
    private final List<String> jvmFlags;
    private final String runtimeClasspath;
    private final ClassDataArchives archives;

    /** A process to start and what to do about the class data archive when it exits. */
    record Launch(ProcessBuilder builder, ClassDataArchives.Plan archive) {}

    Launcher(JdkLocator jdks, URI awsEndpoint, List<String> jvmFlags, ClassDataArchives archives) {
        this.jdks = jdks;
        this.archives = archives;
        this.awsEndpoint = awsEndpoint;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.runtimeClasspath = runtimeClasspath();
    }

    static final class LaunchException extends Exception {
        final byte[] errorPayload;

        LaunchException(byte[] errorPayload) {
            super(new String(errorPayload, java.nio.charset.StandardCharsets.UTF_8));
            this.errorPayload = errorPayload;
        }
    }

    /**
     * @param taskRoot the unpacked package ({@code /var/task})
     * @param layers   the unpacked layers in attach order ({@code /opt})
     */
    Launch build(FunctionRuntimeConfig config, Path taskRoot, List<Path> layers, int runtimeApiPort,
                 String logStream, String requestId) throws LaunchException {
        List<String> command = new ArrayList<>();
        ClassDataArchives.Plan archive = null;
        Optional<Integer> javaVersion = JdkLocator.javaVersion(config.runtime());
        if (javaVersion.isPresent()) {
            JdkLocator.Jdk jdk;
            try {
                jdk = jdks.locate(javaVersion.get());
            } catch (JdkLocator.NoSuitableJdkException e) {
                throw new LaunchException(LambdaErrors.unsupportedRuntime(
                        "runtime " + config.runtime() + " cannot run locally: " + e.getMessage()));
            }
            String classpath = classpath(layers);
            archive = archives.plan(jdk, classpath, config.handler(), jvmFlags);
            command.add(jdk.javaExecutable().toString());
            command.addAll(memoryFlags(config.memoryMb()));
            command.addAll(jvmFlags);
            command.add("--enable-native-access=ALL-UNNAMED"); // the RIC loads its JNI client; silences JDK 22+ warnings
            command.addAll(archive.flags());
            command.add("-cp");
            command.add(classpath);
            command.add(AWSLambda.class.getName());
            command.add(config.handler());
        } else if (config.runtime() != null && config.runtime().startsWith("provided")) {
            Path bootstrap = Stream.concat(Stream.of(taskRoot), layers.stream())
                    .map(dir -> dir.resolve("bootstrap"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new LaunchException(LambdaErrors.invalidEntrypoint(requestId,
                            "Couldn't find valid bootstrap(s): [" + taskRoot.resolve("bootstrap") + " /opt/bootstrap]")));
            bootstrap.toFile().setExecutable(true);
            command.add(bootstrap.toString());
        } else {
            throw new LaunchException(LambdaErrors.unsupportedRuntime(
                    "runtime " + config.runtime() + " is not supported by the local cloud (java17, java21, java25, provided.al2023, provided.al2)"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(config, taskRoot, runtimeApiPort, logStream));
        return new Launch(builder, archive);
    }

    ClassDataArchives archives() {
        return archives;
    }

    /** Lambda's heap, metaspace and code cache split of the configured memory. */
    static List<String> memoryFlags(int memoryMb) {
        int heap = Math.max(16, memoryMb * 85 / 100);
        int metaspace = Math.max(32, memoryMb / 10);
        int codeCache = Math.max(8, memoryMb / 20);
        return List.of("-Xmx" + heap + "m", "-XX:MaxMetaspaceSize=" + metaspace + "m",
                "-XX:ReservedCodeCacheSize=" + codeCache + "m");
    }

    Map<String, String> environment(FunctionRuntimeConfig config, Path taskRoot, int runtimeApiPort, String logStream) {
        String region = regionOf(config.functionArn());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        env.putAll(config.environment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", config.version());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", config.handler() == null ? "" : config.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        env.put("AWS_ACCESS_KEY_ID", "javeze-local");
        env.put("AWS_SECRET_ACCESS_KEY", "javeze-local");
        env.put("AWS_SESSION_TOKEN", "javeze-local");
        return env;
    }

    static String regionOf(String functionArn) {
        String[] parts = functionArn == null ? new String[0] : functionArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }

    /**
     * The RIC's own class loader reads the task root ({@code user.dir}: the process's working directory and its
     * {@code lib/*.jar}) ahead of {@code /opt/java/lib}, exactly as on Lambda. Layers cannot live at /opt here, so
     * their {@code java/lib/*.jar} join the runtime's class path after the runtime jars.
     */
    private String classpath(List<Path> layers) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(runtimeClasspath);
        for (Path layer : layers) {
            Path lib = layer.resolve("java").resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted()
                            .forEach(j -> entries.add(j.toString()));
                } catch (java.io.IOException ignored) {
                    // an unreadable layer directory contributes nothing
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String runtimeClasspath() {
        Set<String> jars = new LinkedHashSet<>();
        for (String name : RUNTIME_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, Launcher.class.getClassLoader());
                jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException e) {
                if (name.startsWith("com.amazonaws")) {
                    throw new IllegalStateException("the Lambda runtime interface client is not on the class path: " + name, e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot locate the jar of " + name, e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
