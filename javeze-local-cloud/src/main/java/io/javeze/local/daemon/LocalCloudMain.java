package io.javeze.local.daemon;

import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.IsolationMode;
import io.javeze.local.fault.FaultInjection;
import io.javeze.local.store.DataDirLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The background local cloud process started by {@link LocalCloudDaemon}: runs until terminated, keeping its pid file.
 * Arguments: {@code --port N --data-dir DIR [--bind ADDR] [--realistic-delays] [--isolation auto|bubblewrap|none]
 * [--allow-origin ORIGIN]...}.
 */
public final class LocalCloudMain {
    /** The exit status when another local cloud holds the data directory: a concurrent starter won the race. */
    static final int DATA_DIR_IN_USE = 3;
    private LocalCloudMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalCloudOptions options;
        try {
            options = parse(args);
        } catch (JavezeException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(options);
        } catch (DataDirLock.InUse e) {
            System.err.println("error: " + e.getMessage());
            System.exit(DATA_DIR_IN_USE);
            return;
        } catch (JavezeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        runUntilTerminated(cloud, options.dataDir());
    }

    /** Writes the pid file, then blocks until the process is told to stop; closes the cloud and removes the file. */
    public static void runUntilTerminated(LocalCloud cloud, Path dataDir) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        new DaemonRecord(ProcessHandle.current().pid(), cloud.endpoint()).write(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            DaemonRecord.delete(dataDir);
            stopped.countDown();
        }, "local-cloud-shutdown"));
        System.out.println("javeze local cloud listening on " + cloud.endpoint() + " (data: " + dataDir + ")");
        System.out.flush();
        stopped.await();
    }

    static LocalCloudOptions parse(String[] args) {
        LocalCloudOptions options = LocalCloudOptions.defaults();
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, a)));
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, a)).toAbsolutePath().normalize());
                case "--bind" -> options = options.withBindAddress(value(args, ++i, a));
                case "--realistic-delays" -> options = options.withDelays(StateDelays.realistic());
                case "--isolation" -> options = options.withIsolation(IsolationMode.parse(value(args, ++i, a), a));
                case "--faults" -> options = options.withFaults(faults(value(args, ++i, a)));
                case "--allow-origin" -> origins.add(value(args, ++i, a));
                default -> throw new JavezeException("unknown argument " + a);
            }
        }
        return options.withAllowedOrigins(origins);
    }

    /** {@code seed,latencyMillis,throttleRate,failureRate,conflictWindowMillis}. */
    static FaultInjection faults(String spec) {
        String[] p = spec.split(",");
        if (p.length != 5) {
            throw new JavezeException("--faults wants seed,latencyMillis,throttleRate,failureRate,conflictWindowMillis, got " + spec);
        }
        return new FaultInjection(Long.parseLong(p[0]), Long.parseLong(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                Long.parseLong(p[4]));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new JavezeException(flag + " needs a value");
        }
        return args[i];
    }
}
