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

    /**
     * Routes the function's {@code org.crac} API (io.github.crac) to the runtime interface client's own CRaC context,
     * whose hooks the RIC runs for SnapStart; without it org.crac finds no CRaC JVM and the hooks never run. Lambda's
     * Java runtimes pass the same property.
     */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final JdkLocator jdks;
    private final URI awsEndpoint;
    private final List<String> jvmFlags;
    private final List<Path> runtimeJars;
    private final ClassDataArchives archives;
    private final Isolation isolation;
    private final Bubblewrap sandbox;

    /**
     * A process to start and what to do about the class data archive when it exits.
     *
     * @param wrapped the process is the sandbox around the runtime: it exits when the runtime does
     */
    record Launch(ProcessBuilder builder, ClassDataArchives.Plan archive, boolean wrapped) {}

    /** Where the runtime sees its code, layers and runtime directory. */
    private record Layout(String taskRoot, String opt, String runtimeDir) {}

    Launcher(JdkLocator jdks, URI awsEndpoint, List<String> jvmFlags, ClassDataArchives archives, Isolation isolation) {
        this.jdks = jdks;
        this.archives = archives;
        this.awsEndpoint = awsEndpoint;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.runtimeJars = runtimeJars();
        this.isolation = isolation;
        this.sandbox = isolation.sandboxed() ? new Bubblewrap(isolation) : null;
    }

    static final class LaunchException extends Exception {
        final byte[] errorPayload;

        LaunchException(byte[] errorPayload) {
            super(new String(errorPayload, java.nio.charset.StandardCharsets.UTF_8));
            this.errorPayload = errorPayload;
        }
    }

    Isolation isolation() {
        return isolation;
    }

    /**
     * @param taskRoot the unpacked package ({@code /var/task})
     * @param opt      the unpacked layers, merged in attach order ({@code /opt}), or null without layers
     */
    Launch build(FunctionRuntimeConfig config, Path taskRoot, Path opt, int runtimeApiPort,
                 String logStream, String requestId) throws LaunchException {
        boolean sandboxed = sandbox != null;
        Layout layout = sandboxed ? new Layout(Bubblewrap.TASK_ROOT, Bubblewrap.OPT, Bubblewrap.RUNTIME_DIR)
                : new Layout(taskRoot.toString(), opt == null ? Bubblewrap.OPT : opt.toString(), null);
        List<String> binds = new ArrayList<>();
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
            String classpath;
            if (sandboxed) {
                // the JDK at /var/lang and the runtime's jars under /var/runtime/lib, as on Lambda; the RIC itself
                // reads /var/task (its working directory) and /opt/java/lib
                binds.addAll(Bubblewrap.roBind(jdk.home(), Bubblewrap.LANG_DIR));
                List<String> inside = new ArrayList<>();
                for (int i = 0; i < runtimeJars.size(); i++) {
                    String jar = Bubblewrap.RUNTIME_DIR + "/lib/" + i + "-" + runtimeJars.get(i).getFileName();
                    binds.addAll(Bubblewrap.roBind(runtimeJars.get(i), jar));
                    inside.add(jar);
                }
                classpath = String.join(File.pathSeparator, inside);
                command.add(Bubblewrap.LANG_DIR + "/bin/java");
            } else {
                classpath = hostClasspath(runtimeJars, taskRoot, opt);
                command.add(jdk.javaExecutable().toString());
            }
            archive = archives.plan(jdk, archiveKey(config, classpath, jvmFlags, sandboxed));
            command.addAll(memoryFlags(config.memoryMb()));
            command.addAll(jvmFlags);
            command.add(CRAC_COMPAT);
            command.add("--enable-native-access=ALL-UNNAMED"); // the RIC loads its JNI client; silences JDK 22+ warnings
            command.addAll(archiveFlags(archive, sandboxed, binds));
            command.add("-cp");
            command.add(classpath);
            command.add(AWSLambda.class.getName());
            command.add(config.handler());
        } else if (config.runtime() != null && config.runtime().startsWith("provided")) {
            Path bootstrap = taskRoot.resolve("bootstrap");
            String inside = layout.taskRoot() + "/bootstrap";
            if (!Files.isRegularFile(bootstrap) && opt != null && Files.isRegularFile(opt.resolve("bootstrap"))) {
                bootstrap = opt.resolve("bootstrap");
                inside = layout.opt() + "/bootstrap";
            }
            if (!Files.isRegularFile(bootstrap)) {
                throw new LaunchException(LambdaErrors.invalidEntrypoint(requestId,
                        "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"));
            }
            bootstrap.toFile().setExecutable(true);
            command.add(inside);
        } else {
            throw new LaunchException(LambdaErrors.unsupportedRuntime(
                    "runtime " + config.runtime() + " is not supported by the local cloud (java17, java21, java25, provided.al2023, provided.al2)"));
        }
        if (sandboxed) {
            binds.addAll(Bubblewrap.roBind(taskRoot, Bubblewrap.TASK_ROOT));
            binds.addAll(opt != null ? Bubblewrap.roBind(opt, Bubblewrap.OPT) : List.of("--dir", Bubblewrap.OPT));
            command = sandbox.wrap(binds, Bubblewrap.TASK_ROOT, command);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear(); // nothing of the host's environment: no PATH, HOME or credentials of the user
        env.putAll(environment(config, layout, runtimeApiPort, logStream));
        return new Launch(builder, archive, sandboxed);
    }

    /**
     * What a function's class data archive is shared by: the versions of one function with the same handler, layers,
     * runtime class path, flags and sandbox. Not the function's own code: an edit makes a new version whose JVM still
     * maps the archive, and so the classes of the unchanged jars and runtime; the JVM itself loads a class whose bytes
     * differ from the archived one (size and CRC checked) from the package instead. Unsandboxed with layers, the class
     * path names the unpacked package, so there the archive stays one per code.
     */
    static String archiveKey(FunctionRuntimeConfig config, String classpath, List<String> jvmFlags, boolean sandboxed) {
        return String.join("\n", config.functionArn(), String.valueOf(config.handler()), classpath, jvmFlags.toString(),
                config.layerZips().toString(), sandboxed ? "bubblewrap" : "none",
                config.snapStart() ? "snap-start" : "on-demand");
    }

    /** The class data archive flags, mounting the archive's files into the sandbox where there is one. */
    private static List<String> archiveFlags(ClassDataArchives.Plan plan, boolean sandboxed, List<String> binds) {
        String existing = null;
        String recording = null;
        if (plan.existing() != null) {
            existing = plan.existing().toString();
            if (sandboxed) {
                existing = Bubblewrap.RUNTIME_DIR + "/cds/" + ClassDataArchives.FILE;
                binds.addAll(Bubblewrap.roBind(plan.existing(), existing));
            }
        } else if (plan.recording() != null) {
            recording = plan.recording().resolve(ClassDataArchives.FILE).toString();
            if (sandboxed) {
                // the recording directory is the instance's own, fresh and empty; only a regular file is published
                binds.addAll(List.of("--bind", plan.recording().toString(), Bubblewrap.RUNTIME_DIR + "/cds-out"));
                recording = Bubblewrap.RUNTIME_DIR + "/cds-out/" + ClassDataArchives.FILE;
            }
        }
        return ClassDataArchives.flags(existing, recording);
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

    /**
     * Exactly what Lambda sets, plus the function's variables and {@code AWS_ENDPOINT_URL} (the local cloud, which
     * the function's SDK calls reach instead of AWS). The function's variables may override PATH, LANG, TZ and
     * LD_LIBRARY_PATH as on Lambda, never the reserved ones.
     */
    private Map<String, String> environment(FunctionRuntimeConfig config, Layout layout, int runtimeApiPort, String logStream) {
        String region = regionOf(config.functionArn());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LD_LIBRARY_PATH", "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:" + layout.taskRoot() + ":"
                + layout.taskRoot() + "/lib:" + layout.opt() + "/lib");
        env.put("LANG", "C.UTF-8"); // Lambda says en_US.UTF-8, which a host may not have generated; C.UTF-8 always exists
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
        // with snap-start the RIC runs the CRaC hooks after init and waits on /runtime/restore/next in between
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.snapStart() ? "snap-start" : "on-demand");
        env.put("_HANDLER", config.handler() == null ? "" : config.handler());
        env.put("LAMBDA_TASK_ROOT", layout.taskRoot());
        if (layout.runtimeDir() != null) {
            env.put("LAMBDA_RUNTIME_DIR", layout.runtimeDir());
        }
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
        if (config.credentials() != null) { // the execution role's session, as Lambda passes it
            env.put("AWS_ACCESS_KEY_ID", config.credentials().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", config.credentials().secretAccessKey());
            env.put("AWS_SESSION_TOKEN", config.credentials().sessionToken());
        }
        return env;
    }

    static String regionOf(String functionArn) {
        String[] parts = functionArn == null ? new String[0] : functionArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "us-east-1";
    }

    /**
     * Unsandboxed, the RIC's own class loader reads the task root ({@code user.dir}: the process's working directory
     * and its {@code lib/*.jar}) and then {@code /opt/java/lib}, a path it does not take from anywhere; layers are
     * not at /opt there. So with layers the class path carries, after the runtime's jars, the task root, its
     * {@code lib/*.jar} and then the layers' {@code java/lib/*.jar}: the function's own classes still come before
     * its layers' jars, as on Lambda (the RIC's loader delegates to this one first and finds each class where Lambda would).
     */
    static String hostClasspath(List<Path> runtimeJars, Path taskRoot, Path opt) {
        Set<String> entries = new LinkedHashSet<>();
        runtimeJars.forEach(jar -> entries.add(jar.toString()));
        List<String> layerJars = jars(opt == null ? null : opt.resolve("java").resolve("lib"));
        if (!layerJars.isEmpty()) {
            entries.add(taskRoot.toString());
            entries.addAll(jars(taskRoot.resolve("lib")));
            entries.addAll(layerJars);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> jars(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().map(Path::toString).toList();
        } catch (java.io.IOException ignored) {
            return List.of(); // an unreadable directory contributes nothing
        }
    }

    private static List<Path> runtimeJars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String name : RUNTIME_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, Launcher.class.getClassLoader());
                jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException e) {
                if (name.startsWith("com.amazonaws")) {
                    throw new IllegalStateException("the Lambda runtime interface client is not on the class path: " + name, e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot locate the jar of " + name, e);
            }
        }
        return List.copyOf(jars);
    }
}
