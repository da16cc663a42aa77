package io.javeze.aws;

import io.javeze.config.JavezeException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What an AWS error means, judged by its error code (and status), never only by its exception class: AWS-compatible
 * emulators and the two wire protocols of one service name the same condition differently, e.g. SQS answers a
 * missing queue as {@code QueueDoesNotExist} over JSON and {@code AWS.SimpleQueueService.NonExistentQueue} over the
 * query protocol, and the SDK maps only the first to {@code QueueDoesNotExistException}.
 */
public final class AwsErrors {
    private static final Set<String> NOT_FOUND = Set.of(
            "ResourceNotFoundException", "ResourceNotFound", "NotFoundException", "NotFound", "NoSuchEntity",
            "NoSuchEntityException", "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
            "NonExistentQueue", "NoSuchBucket", "NoSuchKey", "404");
    private static final Set<String> ALREADY_EXISTS = Set.of(
            "EntityAlreadyExists", "EntityAlreadyExistsException", "ResourceAlreadyExistsException",
            "BucketAlreadyOwnedByYou", "QueueNameExists", "QueueAlreadyExists", "AWS.SimpleQueueService.QueueNameExists");
    private static final Set<String> CONFLICT = Set.of(
            "ResourceConflictException", "ConflictException", "ResourceInUseException", "ConcurrentModification",
            "ConcurrentModificationException", "OperationAbortedException");
    private static final Set<String> THROTTLING = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
            "RequestThrottled", "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException",
            "AWS.SimpleQueueService.RequestThrottled");

    /** Instead of the SDK's dump of every credentials provider it tried (well over a thousand characters). */
    static final String NO_CREDENTIALS = "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or run `aws configure`; or use the local cloud (--local, javeze.local)";

    private AwsErrors() {}

    /** The SDK found no credentials (default chain or a named profile without any): a setup step, not a failed call. */
    public static boolean isMissingCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SdkClientException && m != null && (m.startsWith("Unable to load credentials")
                    || m.contains("contained no credentials for profile"))) {
                return true;
            }
        }
        return false;
    }

    /** The error code AWS answered with, or null for client-side failures. */
    public static String code(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
            return a.awsErrorDetails().errorCode();
        }
        return null;
    }

    public static int status(Throwable e) {
        return e instanceof SdkServiceException s ? s.statusCode() : 0;
    }

    /** The thing asked about does not exist (any service, either protocol, AWS or an emulator). */
    public static boolean isNotFound(Throwable e) {
        String code = code(e);
        if (code != null) {
            return NOT_FOUND.contains(code) || code.endsWith("NotFoundException") || code.endsWith("NotFound");
        }
        return status(e) == 404;
    }

    /** A create found the thing already there. */
    public static boolean isAlreadyExists(Throwable e) {
        String code = code(e);
        if (code != null && ALREADY_EXISTS.contains(code)) {
            return true;
        }
        return isConflict(e) && String.valueOf(message(e)).toLowerCase().contains("already exist");
    }

    /** 409-style conflicts: already exists, or another change in progress. */
    public static boolean isConflict(Throwable e) {
        String code = code(e);
        if (code != null && (CONFLICT.contains(code) || ALREADY_EXISTS.contains(code))) {
            return true;
        }
        return status(e) == 409;
    }

    /** Lambda's 409 while another update of the function is in progress (not "already exists"): wait and retry. */
    public static boolean isBusy(Throwable e) {
        String code = code(e);
        if ("ResourceInUseException".equals(code)) {
            return true;
        }
        return ("ResourceConflictException".equals(code) || (code == null && status(e) == 409)) && !isAlreadyExists(e);
    }

    public static boolean isThrottling(Throwable e) {
        if (e instanceof SdkServiceException s && (s.isThrottlingException() || s.statusCode() == 429)) {
            return true;
        }
        String code = code(e);
        return code != null && THROTTLING.contains(code);
    }

    /** A new IAM role is not yet assumable by Lambda ("The role defined for the function cannot be assumed by Lambda"). */
    public static boolean isRoleNotYetAssumable(Throwable e) {
        String code = code(e);
        return ("InvalidParameterValueException".equals(code) || "InvalidParameterValue".equals(code))
                && String.valueOf(message(e)).contains("cannot be assumed");
    }

    public static boolean isServerError(Throwable e) {
        return status(e) >= 500;
    }

    /** The message AWS sent, without the SDK's "(Service: ..., Status Code: ...)" suffix. */
    public static String message(Throwable e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null) {
            return a.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /**
     * One line for the user: which service and operation failed, after how many attempts, with what. E.g.
     * {@code Lambda UpdateFunctionCode failed after 4 attempts: 503 ServiceUnavailable: try later}, or for an
     * endpoint that accepted the connection but never answered, {@code STS GetCallerIdentity: no answer from
     * http://127.0.0.1:4566 within 6 s (3 attempts)}.
     */
    public static String describe(SdkException e) {
        FailedCall call = FailedCall.of(e);
        String what = call == null ? "AWS call" : call.service() + " " + call.operation();
        Integer attempts = e.numAttempts();
        String tries = attempts != null && attempts > 1 ? " after " + attempts + " attempts" : "";
        if (e instanceof SdkServiceException s) {
            String code = code(e);
            return what + " failed" + tries + ": " + s.statusCode() + (code != null ? " " + code : "")
                    + (message(e) != null ? ": " + message(e) : "");
        }
        if (isMissingCredentials(e)) {
            return NO_CREDENTIALS;
        }
        String where = call != null && call.endpoint() != null ? " from " + call.endpoint() : "";
        if (timedOut(e)) {
            return what + ": no answer" + where + " in time" + tries + " (" + firstLine(rootMessage(e)) + ")";
        }
        return what + " failed" + tries + ": cannot reach" + (where.isEmpty() ? " AWS" : where.substring(5))
                + ": " + firstLine(rootMessage(e));
    }

    /** An AWS failure as a user error (exit 1): AWS refused, or could not be reached; not a javeze bug. */
    public static JavezeException toUserError(SdkException e) {
        return new JavezeException(describe(e), e);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallAttemptTimeoutException || t instanceof ApiCallTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e || t.getMessage() == null ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\\R", 2)[0];
    }

    /** The endpoint could not be reached or did not answer in time (not, say, missing credentials). */
    public static boolean isUnreachable(Throwable e) {
        if (!(e instanceof SdkClientException)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof ApiCallAttemptTimeoutException || t instanceof ApiCallTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
