package io.javeze.local;

import io.javeze.config.JavezeException;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.FunctionLogSink;
import io.javeze.local.exec.IsolationMode;
import io.javeze.local.fault.FaultInjection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * How to run the local cloud.
 *
 * @param port             TCP port, 0 for an ephemeral one (tests)
 * @param bindAddress      loopback by default; anything else exposes every deployed function to the network
 * @param dataDir          where state, code and logs live
 * @param region           the region ARNs and URLs name
 * @param delays           how long Lambda state transitions take
 * @param faults           injected latency and failures
 * @param executorFactory  makes the function executor from (endpoint, log sink); null for the real process executor
 * @param allowedOrigins   web origins (e.g. {@code http://localhost:3000}) allowed to call the AWS API from a browser;
 *                         every other cross-site request to it is refused
 * @param isolation        how the real process executor sandboxes function instances
 */
public record LocalCloudOptions(int port, String bindAddress, Path dataDir, String region, StateDelays delays,
                                FaultInjection faults,
                                BiFunction<URI, FunctionLogSink, FunctionExecutor> executorFactory,
                                List<String> allowedOrigins, IsolationMode isolation) {
    public static final int DEFAULT_PORT = 4566;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public LocalCloudOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(delays, "delays");
        Objects.requireNonNull(faults, "faults");
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!origin.matches("https?://[^/\\s]+/?")) {
                throw new JavezeException("--allow-origin wants scheme://host[:port] (like http://localhost:3000), got " + origin);
            }
        }
        Objects.requireNonNull(isolation, "isolation");
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".javeze", "local");
    }

    public static LocalCloudOptions defaults() {
        return new LocalCloudOptions(DEFAULT_PORT, DEFAULT_BIND, defaultDataDir(), "us-east-1", StateDelays.fast(),
                FaultInjection.none(), null, List.of(), IsolationMode.AUTO);
    }

    public LocalCloudOptions withPort(int port) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withBindAddress(String bindAddress) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withDataDir(Path dataDir) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withRegion(String region) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withDelays(StateDelays delays) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withFaults(FaultInjection faults) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withAllowedOrigins(List<String> allowedOrigins) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withExecutor(BiFunction<URI, FunctionLogSink, FunctionExecutor> executorFactory) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }

    public LocalCloudOptions withIsolation(IsolationMode isolation) {
        return new LocalCloudOptions(port, bindAddress, dataDir, region, delays, faults, executorFactory, allowedOrigins, isolation);
    }
}
