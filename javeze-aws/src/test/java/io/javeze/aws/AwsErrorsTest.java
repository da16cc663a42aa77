package io.javeze.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    private static AwsServiceException error(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SQS").build())
                .build();
    }

    @Test
    void bothSqsProtocolsNameOfAMissingQueueMeanNotFound() {
        assertThat(AwsErrors.isNotFound(error(400, "QueueDoesNotExist", "The specified queue does not exist."))).isTrue();
        assertThat(AwsErrors.isNotFound(error(400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."))).isTrue();
        assertThat(AwsErrors.isNotFound(error(404, "NoSuchEntity", "role"))).isTrue();
        assertThat(AwsErrors.isNotFound(error(400, "InvalidParameterValue", "bad"))).isFalse();
        assertThat(AwsErrors.isNotFound(SdkClientException.create("connection refused"))).isFalse();
    }

    @Test
    void lambdaBusyIsAConflictToWaitOutButAlreadyExistsIsNot() {
        AwsServiceException busy = error(409, "ResourceConflictException", "An update is in progress for resource: f");
        AwsServiceException exists = error(409, "ResourceConflictException", "Function already exist: f");
        assertThat(AwsErrors.isBusy(busy)).isTrue();
        assertThat(AwsErrors.isAlreadyExists(busy)).isFalse();
        assertThat(AwsErrors.isBusy(exists)).isFalse();
        assertThat(AwsErrors.isAlreadyExists(exists)).isTrue();
        assertThat(AwsErrors.isAlreadyExists(error(400, "QueueAlreadyExists", "x"))).isTrue();
        assertThat(AwsErrors.isAlreadyExists(error(409, "EntityAlreadyExists", "x"))).isTrue();
    }

    @Test
    void throttlingAndRolePropagationAreRecognisedByCode() {
        assertThat(AwsErrors.isThrottling(error(400, "Throttling", "Rate exceeded"))).isTrue();
        assertThat(AwsErrors.isThrottling(error(400, "AWS.SimpleQueueService.RequestThrottled", "slow down"))).isTrue();
        assertThat(AwsErrors.isRoleNotYetAssumable(error(400, "InvalidParameterValueException",
                "The role defined for the function cannot be assumed by Lambda."))).isTrue();
        assertThat(AwsErrors.isRoleNotYetAssumable(error(400, "InvalidParameterValueException", "bad handler"))).isFalse();
    }

    @Test
    void describesAServiceErrorInOneLine() {
        assertThat(AwsErrors.describe(error(503, "ServiceUnavailable", "try later")))
                .isEqualTo("AWS call failed: 503 ServiceUnavailable: try later");
    }

    @Test
    void missingCredentialsAreOneShortLineSayingWhatToSet() {
        // the SDK's own failure, from a chain like the default one that finds nothing
        ProfileFile empty = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0])).type(ProfileFile.Type.CREDENTIALS).build();
        AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                ProfileCredentialsProvider.builder().profileFile(empty).profileName("nobody").build());
        SdkClientException e = catchThrowableOfType(SdkClientException.class, chain::resolveCredentials);
        assertThat(e.getMessage()).startsWith("Unable to load credentials").hasSizeGreaterThan(200);

        String line = AwsErrors.describe(e);

        assertThat(AwsErrors.isMissingCredentials(e)).isTrue();
        assertThat(line).isEqualTo(AwsErrors.NO_CREDENTIALS).doesNotContain("\n").hasSizeLessThan(200)
                .contains("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws configure", "--local");
        assertThat(AwsErrors.isMissingCredentials(SdkClientException.create("Unable to execute HTTP request: Connection refused"))).isFalse();
    }
}
