package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class UnimplementedTest {
    private static AwsServiceException error(int status, String code) {
        AwsErrorDetails.Builder details = AwsErrorDetails.builder().serviceName("ApiGatewayV2");
        if (code != null) details.errorCode(code);
        return AwsServiceException.builder().statusCode(status).message("x").awsErrorDetails(details.build()).build();
    }

    @Test
    void motosHtml500AndLocalStacks501MeanNotImplementedButAnAwsError500DoesNot() {
        assertThat(Unimplemented.isNotImplemented(error(500, null))).isTrue();
        assertThat(Unimplemented.isNotImplemented(error(501, "InternalFailure"))).isTrue();
        assertThat(Unimplemented.isNotImplemented(error(400, "NotImplemented"))).isTrue();
        assertThat(Unimplemented.isNotImplemented(error(500, "InternalServerError"))).isFalse();
        assertThat(Unimplemented.isNotImplemented(error(404, "NotFoundException"))).isFalse();
    }

    @Test
    void anEmulatorWithoutTheOperationGetsOneAttemptAndAnEmptyAnswer() {
        List<Boolean> attempts = new ArrayList<>();
        Optional<String> answer = Unimplemented.call(true, single -> {
            attempts.add(single);
            throw error(500, null);
        });
        assertThat(answer).isEmpty();
        assertThat(attempts).containsExactly(true);
    }

    @Test
    void againstAwsTheSameFailureIsThrownAfterTheSdksRetries() {
        List<Boolean> attempts = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> Unimplemented.call(false, single -> {
            attempts.add(single);
            throw error(500, null);
        }));
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        assertThat(attempts).containsExactly(false);
    }

    @Test
    void anEmulatorsOtherFailuresAreRetriedAsUsualOrThrown() {
        List<Boolean> attempts = new ArrayList<>();
        assertThat(Unimplemented.call(true, single -> {
            attempts.add(single);
            if (single) throw error(503, "ServiceUnavailable");
            return "listed";
        })).contains("listed");
        assertThat(attempts).containsExactly(true, false);

        attempts.clear();
        Throwable refused = catchThrowable(() -> Unimplemented.call(true, single -> {
            attempts.add(single);
            throw error(403, "AccessDeniedException");
        }));
        assertThat(AwsErrors.code(refused)).isEqualTo("AccessDeniedException");
        assertThat(attempts).containsExactly(true);
    }
}
