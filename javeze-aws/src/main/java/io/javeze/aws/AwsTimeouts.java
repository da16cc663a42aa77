package io.javeze.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * How long javeze waits for AWS, so an endpoint that accepts connections but never answers fails in seconds rather
 * than minutes. Ordinary calls answer in well under a second; an attempt gets {@code attempt}, and all attempts of one
 * call (the SDK's retries included) get {@code call}. Calls that carry a package (CreateFunction, UpdateFunctionCode,
 * PutObject, PublishLayerVersion) get {@link #forUpload}: the time to send the bytes at a slow link's speed on top.
 *
 * @param connect   TCP connect
 * @param attempt   one HTTP attempt of an ordinary call
 * @param call      one ordinary call, all attempts and backoff included
 * @param uploadBytesPerSecond the slowest upload link allowed for before an upload attempt is given up
 */
public record AwsTimeouts(Duration connect, Duration attempt, Duration call, long uploadBytesPerSecond) {

    public static final AwsTimeouts DEFAULT = new AwsTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(15),
            256 * 1024);

    /** Per-request timeouts for a call that sends {@code bytes}: 50 MB at 256 KiB/s is about four minutes per attempt. */
    public AwsRequestOverrideConfiguration forUpload(long bytes) {
        Duration attemptLimit = Duration.ofSeconds(30).plusMillis(1000 * Math.max(0, bytes) / uploadBytesPerSecond);
        return AwsRequestOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attemptLimit)
                .apiCallTimeout(attemptLimit.multipliedBy(3))
                .build();
    }
}
