package io.javeze.local.fault;

import io.javeze.local.http.AwsException;
import io.javeze.local.http.Protocol;
import java.util.Random;

/** Applies {@link FaultInjection} to one call: sleeps, then maybe throws the service's throttling or 5xx error. */
public final class FaultInjector {
    private final FaultInjection faults;
    private final Random random;

    public FaultInjector(FaultInjection faults) {
        this.faults = faults;
        this.random = new Random(faults.seed());
    }

    public void before(String service, Protocol protocol) {
        if (!faults.active()) {
            return;
        }
        if (faults.latencyMillis() > 0) {
            try {
                Thread.sleep(faults.latencyMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll < faults.throttleRate()) {
            throw throttled(service, protocol);
        }
        if (roll < faults.throttleRate() + faults.failureRate()) {
            throw failed(service, protocol);
        }
    }

    private static AwsException throttled(String service, Protocol protocol) {
        return switch (protocol) {
            case REST_JSON -> new AwsException(429, "TooManyRequestsException", "Rate exceeded");
            case AWS_JSON -> new AwsException(400, "ThrottlingException", "Rate exceeded");
            case QUERY -> new AwsException(400, "Throttling", "Rate exceeded");
            case REST_XML -> new AwsException(503, "SlowDown", "Please reduce your request rate.");
        };
    }

    private static AwsException failed(String service, Protocol protocol) {
        return switch (protocol) {
            case REST_JSON -> new AwsException(500, "lambda".equals(service) ? "ServiceException" : "InternalServerError",
                    "Injected internal failure");
            case REST_XML -> new AwsException(500, "InternalError", "We encountered an internal error. Please try again.");
            default -> new AwsException(500, "InternalFailure", "Injected internal failure");
        };
    }
}
