package io.javeze.cli.dev;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsTarget;
import io.javeze.aws.TargetFlags;
import io.javeze.aws.TargetRequest;
import io.javeze.build.maven.MavenProject;
import io.javeze.cli.ProjectOption;
import io.javeze.cli.deploy.Output;
import io.javeze.cli.deploy.StageOption;
import io.javeze.cli.deploy.TargetOptions;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.StepListener;
import io.javeze.dev.DevSession;
import io.javeze.dev.watch.SourceWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Develop on the local cloud: deploy, then watch the sources and redeploy each save in about a second.",
            "Source edits compile in-process (Maven runs only when pom.xml changes); only the functions an edit reached are",
            "re-packaged and updated. Streams every request and every function's log lines. Ctrl-C stops watching; the",
            "local cloud keeps running."})
public final class DevCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    StageOption stage;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "The local cloud to use (default: http://127.0.0.1:4566, started if not running).")
    String endpointUrl;

    @Option(names = "--offline", description = "Run Maven offline (-o) when it resolves the classpath.")
    boolean offline;

    @Option(names = "--settle", paramLabel = "MILLIS", defaultValue = "100",
            description = "Rebuild once files have been quiet this long after a save (default: ${DEFAULT-VALUE}).")
    long settleMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (settleMillis < 0 || settleMillis > 10_000) {
            throw new JavezeException("--settle must be between 0 and 10000 milliseconds, got " + settleMillis);
        }
        Path dir = project.dir();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JavezeConfig config = JavezeConfig.load(dir).withStage(stage.stage(), "--stage");
        AwsTarget target = new TargetRequest(null, null, endpointUrl, true).validate(config.deployment().region(), TargetFlags.CLI)
                .connect(TargetOptions::startLocalCloud);
        MavenProject maven = new MavenProject(dir, offline, project.verbose, err::println);
        try (AwsClients aws = new AwsClients(target);
             Deployer deployer = new Deployer(Clients.from(aws), new Deployer.Options(16, project.verbose ? Output.progress(out) : StepListener.NONE, null));
             DevSession session = new DevSession(dir, maven, deployer, stage.stage(), line -> say(out, line));
             SourceWatcher watcher = new SourceWatcher(dir, Duration.ofMillis(settleMillis));
             RequestStream stream = new RequestStream(aws, dir, out)) {
            say(out, "javeze dev: " + config.serviceName() + " (stage " + config.deployment().stage() + ") on the local cloud at "
                    + target.endpointUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> say(out,
                    "stopped watching; the local cloud keeps running at " + target.endpointUrl())));
            List<DeployReport.Endpoint> endpoints = null;
            DevSession.Rebuild first = guarded(err, session::start);
            if (first != null) endpoints = shown(out, stream, first, null, true);
            say(out, "watching " + String.join(", ", SourceWatcher.SOURCE_DIRS) + ", " + String.join(", ", SourceWatcher.ROOT_FILES)
                    + " (Ctrl-C to stop)");
            stream.start();
            while (true) {
                Set<Path> changed = watcher.next();
                if (changed.isEmpty()) return 0;
                say(out, "↻ " + names(dir, changed));
                DevSession.Rebuild rebuild = guarded(err, () -> session.apply(changed));
                if (rebuild != null) endpoints = shown(out, stream, rebuild, endpoints, false);
            }
        }
    }

    /** Prints what a rebuild did; returns the endpoints now served. */
    private static List<DeployReport.Endpoint> shown(PrintWriter out, RequestStream stream, DevSession.Rebuild rebuild,
                                                     List<DeployReport.Endpoint> before, boolean first) {
        if (rebuild.failed()) {
            synchronized (out) {
                out.println("✗ compile failed; the last good version keeps serving:");
                rebuild.compileErrors().forEach(e -> out.println("  " + e));
                out.flush();
            }
            return before;
        }
        DeployReport report = rebuild.report();
        DevSession.Timings t = rebuild.timings();
        if (!rebuild.deployed() && !first) {
            say(out, String.format(Locale.ROOT, "✓ no change to deploy (compile %d ms, package %d ms)", t.compile(), t.packaging()));
            return before;
        }
        stream.follow(report);
        if (first || before == null) {
            synchronized (out) {
                Output.deployed(out, report);
            }
            return report.endpoints();
        }
        String changed = report.functions().stream().filter(f -> !"unchanged".equals(f.action()))
                .map(f -> f.action() + " " + f.name()).collect(Collectors.joining(", "));
        say(out, String.format(Locale.ROOT, "✓ %s in %.1f s (%scompile %d ms, package %d ms, deploy %d ms)",
                changed.isEmpty() ? "no change" : changed, t.total() / 1000.0,
                rebuild.mavenRan() ? "maven " + t.maven() + " ms, " : "", t.compile(), t.packaging(), t.deploy()));
        if (!report.endpoints().equals(before)) {
            synchronized (out) {
                out.println("Available endpoints:");
                report.endpoints().forEach(e -> out.println("  " + e.method() + " " + e.path() + " -> " + e.url()));
                out.flush();
            }
        }
        return report.endpoints();
    }

    /** A rebuild's user error (a bad javeze.toml, AWS refusing) is printed and the watch goes on. */
    private static DevSession.Rebuild guarded(PrintWriter err, java.util.function.Supplier<DevSession.Rebuild> step) {
        try {
            return step.get();
        } catch (JavezeException e) {
            say(err, "error: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        } catch (SdkException e) {
            say(err, "error: " + AwsErrors.describe(e).replaceAll("\\s*\\R\\s*", " "));
        }
        return null;
    }

    private static String names(Path dir, Set<Path> changed) {
        List<String> names = changed.stream().map(p -> p.getFileName().toString()).distinct().sorted().toList();
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    static void say(PrintWriter out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
