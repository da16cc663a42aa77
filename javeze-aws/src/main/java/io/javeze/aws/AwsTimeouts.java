package io.javeze.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * How long javeze waits for AWS, so an endpoint that accepts connections but never answers fails in seconds rather
 * than minutes. Ordinary calls answer in well under a second; an attempt gets {@code attempt}, and all attempts of one
 * call (the SDK's retries and backoff included) get {@code call}. Calls that carry a package (CreateFunction, UpdateFunctionCode,
 * PutObject, PublishLayerVersion) get {@link #forUpload}: the time to send the bytes at a slow link's speed on top;
 * a Lambda Invoke gets {@link #INVOKE_LIMIT}.
 *
 * @param connect   TCP connect
 * @param attempt   one HTTP attempt of an ordinary call
 * @param call      one ordinary call, all attempts and backoff included
 * @param uploadBytesPerSecond the slowest upload link allowed for before an upload attempt is given up
 */
public record AwsTimeouts(Duration connect, Duration attempt, Duration call, long uploadBytesPerSecond) {

    /**
     * 4 s per attempt: a control-plane call answers in well under a second, so an endpoint silent that long is not
     * going to answer; with the SDK's 5 attempts a silent endpoint fails in about 20 s. 2 minutes per call leaves
     * throttled calls room for the SDK's backoff and client-side rate limiting.
     */
    public static final AwsTimeouts DEFAULT = new AwsTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMinutes(2),
            256 * 1024);

    /** Lambda runs a function for up to 15 minutes: a synchronous Invoke may take that long to answer. */
    public static final Duration INVOKE_LIMIT = Duration.ofMinutes(16);

    /** Per-request timeouts for a call that sends {@code bytes}: 50 MB at 256 KiB/s is about four minutes per attempt. */
    public AwsRequestOverrideConfiguration forUpload(long bytes) {
        Duration attemptLimit = Duration.ofSeconds(30).plusMillis(1000 * Math.max(0, bytes) / uploadBytesPerSecond);
        return AwsRequestOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attemptLimit)
                .apiCallTimeout(attemptLimit.multipliedBy(3))
                .build();
    }

    /**
     * Gives calls that legitimately wait long their time: a synchronous Lambda Invoke, an SQS long poll (its wait plus
     * the ordinary attempt limit). Every other call keeps the short limits.
     */
    final class LongCalls implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof InvokeRequest invoke && !timed(invoke)) {
                return invoke.toBuilder().overrideConfiguration(o -> o.apiCallAttemptTimeout(INVOKE_LIMIT).apiCallTimeout(INVOKE_LIMIT))
                        .build();
            }
            if (request instanceof ReceiveMessageRequest receive && receive.waitTimeSeconds() != null && !timed(receive)) {
                Duration limit = attempt.plusSeconds(receive.waitTimeSeconds());
                return receive.toBuilder().overrideConfiguration(o -> o.apiCallAttemptTimeout(limit).apiCallTimeout(limit.plus(call)))
                        .build();
            }
            return request;
        }

        private static boolean timed(AwsRequest request) {
            return request.overrideConfiguration().flatMap(o -> o.apiCallAttemptTimeout()).isPresent();
        }
    }
}
