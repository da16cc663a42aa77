package io.javeze.local.exec;

import io.javeze.config.JavezeException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox of a function instance, as Lambda lays one out: the package read-only at {@code /var/task}, layers
 * read-only at {@code /opt}, the runtime at {@code /var/runtime} and {@code /var/lang}, a private 512 MB {@code /tmp},
 * the host's {@code /usr} and a few {@code /etc} files read-only, and nothing else of the host's files. Every
 * namespace but the network is private. The environment is not on the command line (world-readable in /proc): the
 * wrapper inherits exactly the map the launcher gives it.
 */
final class Bubblewrap {

    static final String TASK_ROOT = "/var/task";
    static final String OPT = "/opt";
    static final String RUNTIME_DIR = "/var/runtime";
    static final String LANG_DIR = "/var/lang";
    static final long TMP_BYTES = 512L * 1024 * 1024;

    /** What a JVM and common bootstraps need from /etc: name resolution, certificates, the JDK's own configuration. */
    private static final List<String> ETC = List.of("resolv.conf", "hosts", "nsswitch.conf", "host.conf", "gai.conf",
            "passwd", "group", "localtime", "ssl", "ca-certificates", "pki", "crypto-policies", "alternatives",
            "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "mime.types", "protocols", "services");
    private static final List<String> ROOT_DIRS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    private final Isolation isolation;

    Bubblewrap(Isolation isolation) {
        this.isolation = isolation;
    }

    /**
     * Finds out once whether functions can be sandboxed here: {@code bwrap} is installed and can create its
     * namespaces (it cannot where unprivileged user namespaces are disabled, or inside some containers).
     */
    static Isolation probe(IsolationMode mode, Map<String, String> environment) {
        if (mode == IsolationMode.NONE) {
            return Isolation.none("disabled with --isolation none");
        }
        Isolation found = find(environment);
        if (mode == IsolationMode.BUBBLEWRAP && !found.sandboxed()) {
            throw new JavezeException("--isolation bubblewrap: functions cannot be sandboxed here: " + found.reason());
        }
        return found;
    }

    private static Isolation find(Map<String, String> environment) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Isolation.none("no sandbox on " + System.getProperty("os.name"));
        }
        Path bwrap = onPath(environment);
        if (bwrap == null) {
            return Isolation.none("bubblewrap is not installed: install the bubblewrap package");
        }
        String version = run(List.of(bwrap.toString(), "--version")).output().replaceFirst("^bubblewrap\\s*", "").trim();
        Path truePath = Stream.of("/usr/bin/true", "/bin/true").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (truePath == null) {
            return Isolation.none("no /usr/bin/true to probe bubblewrap with");
        }
        String failure = "";
        for (boolean modern : new boolean[] {true, false}) {
            Bubblewrap candidate = new Bubblewrap(Isolation.sandboxed(bwrap, version, modern));
            Result probe = run(candidate.wrap(List.of(), "/", List.of(truePath.toString())));
            if (probe.exitCode() == 0) {
                return candidate.isolation;
            }
            if (failure.isEmpty()) {
                failure = probe.output().lines().findFirst().orElse("exit " + probe.exitCode());
            }
        }
        return Isolation.none("bubblewrap cannot create a sandbox here (" + failure
                + "); are unprivileged user namespaces disabled?");
    }

    private static Path onPath(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "bwrap");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /**
     * The {@code bwrap} command line running {@code command} with the common mounts plus {@code binds}.
     *
     * @param binds   more mount arguments, e.g. {@code --ro-bind HOST /var/task}
     * @param workDir the working directory inside the sandbox
     */
    List<String> wrap(List<String> binds, String workDir, List<String> command) {
        List<String> args = new ArrayList<>(List.of(isolation.bubblewrap().toString(), "--unshare-all", "--share-net"));
        if (isolation.modern()) {
            args.addAll(List.of("--unshare-user", "--disable-userns"));
        }
        args.addAll(List.of("--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"));
        for (String dir : ROOT_DIRS) {
            Path host = Path.of("/", dir);
            try {
                if (Files.isSymbolicLink(host)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), host.toString()));
                } else if (Files.isDirectory(host)) {
                    args.addAll(List.of("--ro-bind", host.toString(), host.toString()));
                }
            } catch (IOException ignored) {
                // an unreadable link is left out of the sandbox
            }
        }
        for (String name : ETC) {
            args.addAll(List.of("--ro-bind-try", "/etc/" + name, "/etc/" + name));
        }
        try (Stream<Path> java = Files.list(Path.of("/etc"))) {
            // Debian's and Fedora's JDKs link their conf/ and cacerts here
            java.filter(p -> p.getFileName().toString().startsWith("java")).sorted()
                    .forEach(p -> args.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        } catch (IOException ignored) {
            // no /etc to list: nothing of it in the sandbox
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        if (isolation.modern()) {
            args.addAll(List.of("--size", Long.toString(TMP_BYTES)));
        }
        args.addAll(List.of("--tmpfs", "/tmp"));
        args.addAll(binds);
        args.addAll(List.of("--remount-ro", "/", "--chdir", workDir, "--"));
        args.addAll(command);
        return args;
    }

    static List<String> roBind(Path host, String inside) {
        return List.of("--ro-bind", host.toString(), inside);
    }
}
