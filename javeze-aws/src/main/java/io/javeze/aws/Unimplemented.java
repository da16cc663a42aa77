package io.javeze.aws;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkPlugin;

/**
 * Operations an AWS-compatible emulator does not implement, the one place that recognises them. moto answers one with
 * an HTML 500 page ({@code NotImplementedError} in its log, no AWS error in the body), LocalStack with 501; AWS
 * implements every operation javeze calls, so against AWS nothing here changes a call.
 */
public final class Unimplemented {
    private static final Set<String> CODES = Set.of("NotImplemented", "NotImplementedException");

    /** The one attempt of a probe: the SDK retries 5xx, and an operation that is missing stays missing. */
    public static final SdkPlugin SINGLE_ATTEMPT = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(b -> b.maxAttempts(1)).build());

    private Unimplemented() {}

    /**
     * The endpoint does not implement the operation: a 501, a {@code NotImplemented} code, or a 500 that carries no
     * AWS error at all (moto). Only meaningful for an emulator's answer ({@link #call}).
     */
    public static boolean isNotImplemented(Throwable e) {
        int status = AwsErrors.status(e);
        String code = AwsErrors.code(e);
        if (status == 501 || code != null && CODES.contains(code)) return true;
        return status == 500 && (code == null || code.isEmpty() || code.equals("500"));
    }

    /** One call of an operation, made with {@link #SINGLE_ATTEMPT} on its request when {@code singleAttempt}. */
    @FunctionalInterface
    public interface Call<T> {
        T run(boolean singleAttempt);
    }

    /**
     * Against AWS ({@code emulator} false), {@code call} as it is, its failures thrown. Against an emulator (the
     * client has an endpoint override), one attempt first: empty if the emulator does not implement the operation,
     * else any other failure gets the SDK's usual retries.
     */
    public static <T> Optional<T> call(boolean emulator, Call<T> call) {
        if (!emulator) return Optional.of(call.run(false));
        try {
            return Optional.of(call.run(true));
        } catch (RuntimeException e) {
            if (isNotImplemented(e)) return Optional.empty();
            int status = AwsErrors.status(e);
            if (status >= 400 && status < 500 && !AwsErrors.isThrottling(e)) throw e; // an answer, not a transient failure
            return Optional.of(call.run(false));
        }
    }
}
