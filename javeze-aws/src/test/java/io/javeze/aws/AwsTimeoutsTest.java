package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** Short limits catch an endpoint that never answers; calls that legitimately take long get their time. */
class AwsTimeoutsTest {
    private static Duration attemptLimit(SdkRequest request) {
        SdkRequest modified = AwsTimeouts.DEFAULT.new LongCalls().modifyRequest(() -> request, new ExecutionAttributes());
        return ((AwsRequest) modified).overrideConfiguration().flatMap(o -> o.apiCallAttemptTimeout()).orElse(null);
    }

    @Test
    void invokeAndLongPollsGetTheirTimeOrdinaryCallsKeepTheDefault() {
        assertThat(attemptLimit(InvokeRequest.builder().functionName("f").build())).isEqualTo(AwsTimeouts.INVOKE_LIMIT);
        assertThat(attemptLimit(ReceiveMessageRequest.builder().queueUrl("q").waitTimeSeconds(20).build()))
                .isEqualTo(AwsTimeouts.DEFAULT.attempt().plusSeconds(20));
        assertThat(attemptLimit(GetFunctionRequest.builder().functionName("f").build())).isNull();
    }

    @Test
    void uploadsGetTimeForTheirSize() {
        var fiftyMegabytes = AwsTimeouts.DEFAULT.forUpload(50L * 1024 * 1024);
        assertThat(fiftyMegabytes.apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(30 + 200));
        assertThat(AwsTimeouts.DEFAULT.forUpload(0).apiCallAttemptTimeout()).hasValue(Duration.ofSeconds(30));
    }
}
