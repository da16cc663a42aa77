package io.javeze.cli.local;

import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.daemon.LocalCloudDaemon;
import io.javeze.local.daemon.LocalCloudMain;
import io.javeze.local.exec.IsolationMode;
import io.javeze.local.fault.FaultInjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the local cloud, in the foreground (Ctrl-C stops it) or in the background with --detach.")
public final class LocalStartCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4566", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; anything else exposes your functions to the network).")
    String bind;

    @Option(names = {"-d", "--detach"}, description = "Run in the background; `javeze local stop` stops it.")
    boolean detach;

    @Option(names = "--realistic-delays", description = "Take about as long as AWS to create (1 s) and update (0.5 s) functions.")
    boolean realistic;

    @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "0", description = "Injected latency per API call.")
    long latencyMs;

    @Option(names = "--throttle-rate", paramLabel = "0..1", defaultValue = "0", description = "Share of API calls throttled.")
    double throttleRate;

    @Option(names = "--failure-rate", paramLabel = "0..1", defaultValue = "0", description = "Share of API calls failed with a 5xx.")
    double failureRate;

    @Option(names = "--conflict-window-ms", paramLabel = "MS", defaultValue = "0",
            description = "Extra time after a function change during which other changes get 409 ResourceConflictException.")
    long conflictWindowMs;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "Let web pages from this origin (like http://localhost:3000) call the AWS API; repeatable. "
                    + "Every other cross-site request to it is refused.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
            description = "How functions are isolated from your machine: auto (a bubblewrap sandbox where available), "
                    + "bubblewrap (required), none (functions can read your files) (default: ${DEFAULT-VALUE}).")
    String isolation;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the injected faults (same seed, same faults).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new JavezeException("--port must be between 0 and 65535, got " + port);
        }
        if (throttleRate < 0 || throttleRate > 1 || failureRate < 0 || failureRate > 1 || throttleRate + failureRate > 1) {
            throw new JavezeException("--throttle-rate and --failure-rate must be between 0 and 1 and add up to at most 1");
        }
        if (latencyMs < 0 || conflictWindowMs < 0) {
            throw new JavezeException("--latency-ms and --conflict-window-ms must not be negative");
        }
        IsolationMode isolationMode = IsolationMode.parse(isolation, "--isolation");
        var running = LocalCloudDaemon.running(data.dir());
        if (running.isPresent()) {
            if (detach) {
                System.out.println("local cloud already running at " + running.get().endpoint() + " (pid " + running.get().pid() + ")");
                return 0;
            }
            throw new JavezeException("a local cloud already runs for " + data.dir() + " at " + running.get().endpoint()
                    + " (pid " + running.get().pid() + "); stop it with `javeze local stop`");
        }
        if (!bind.equals("127.0.0.1") && !bind.equals("::1") && !bind.equals("localhost")) {
            System.err.println("warning: --bind " + bind + " makes every deployed function reachable from the network");
        }
        FaultInjection faults = new FaultInjection(seed, latencyMs, throttleRate, failureRate, conflictWindowMs);
        LocalCloudOptions options = LocalCloudOptions.defaults().withPort(port).withBindAddress(bind).withDataDir(data.dir())
                .withDelays(realistic ? StateDelays.realistic() : StateDelays.fast()).withFaults(faults)
                .withAllowedOrigins(allowedOrigins).withIsolation(isolationMode);
        if (detach) {
            List<String> extra = new ArrayList<>(List.of("--bind", bind, "--isolation", isolationMode.name().toLowerCase(Locale.ROOT)));
            if (realistic) {
                extra.add("--realistic-delays");
            }
            extra.addAll(List.of("--faults", seed + "," + latencyMs + "," + throttleRate + "," + failureRate + "," + conflictWindowMs));
            for (String origin : options.allowedOrigins()) {
                extra.addAll(List.of("--allow-origin", origin));
            }
            var endpoint = LocalCloudDaemon.ensureRunning(data.dir(), port, extra);
            System.out.println("local cloud running at " + endpoint + " (data: " + data.dir() + ", log: "
                    + data.dir().resolve("local-cloud.log") + ")");
            LocalCloudDaemon.isolation(endpoint).filter(i -> i.startsWith("none"))
                    .ifPresent(i -> System.err.println("warning: isolation: " + i));
            return 0;
        }
        LocalCloud cloud = LocalCloud.start(options);
        LocalCloudMain.runUntilTerminated(cloud, data.dir());
        return 0;
    }
}
