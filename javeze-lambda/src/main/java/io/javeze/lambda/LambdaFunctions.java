package io.javeze.lambda;

import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsRetry;
import io.javeze.aws.AwsTimeouts;
import io.javeze.config.JavezeException;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * Creating and changing Lambda functions, for both deployers. Lambda's state machine: a new function is Pending until
 * Active, an update InProgress until Successful, and a change meanwhile is refused with a conflict. So every change
 * first waits for the function to settle ({@link #awaitSettled}), conflicts are retried ({@link AwsRetry#whileBusy}),
 * and the caller waits for the change to land with {@link #awaitDone} (one policy, one limit: {@link #STATE_LIMIT}).
 */
public final class LambdaFunctions {
    /** How long a function may stay Pending or InProgress. */
    public static final Duration STATE_LIMIT = Duration.ofMinutes(10);
    /** How long a role created just now may take to become assumable by Lambda (usually under 10 s). */
    public static final Duration NEW_ROLE_PROPAGATION = Duration.ofMinutes(2);
    /** A role the user named was usually created long ago: a short grace, so a wrong ARN fails fast. */
    public static final Duration GIVEN_ROLE_PROPAGATION = Duration.ofSeconds(10);

    private final LambdaClient lambda;
    private final AwsTimeouts timeouts;

    public LambdaFunctions(LambdaClient lambda, AwsTimeouts timeouts) {
        this.lambda = lambda;
        this.timeouts = timeouts;
    }

    /**
     * Creates the function, retrying while its role is not yet assumable (IAM propagation), and returns its ARN.
     * A function that already exists is a conflict for the caller to handle ({@link AwsErrors#isAlreadyExists}).
     */
    public String create(FunctionDefinition function, PackageCode code, Duration rolePropagation) {
        var request = function.toCreateRequest(code).toBuilder()
                .overrideConfiguration(timeouts.forUpload(code.requestBytes())).build();
        CreateFunctionResponse created = AwsRetry.retry(() -> lambda.createFunction(request), AwsErrors::isRoleNotYetAssumable, rolePropagation);
        code.verify(created.codeSha256());
        return created.functionArn();
    }

    /**
     * As {@link #create}, publishing the first version in the same call with this description; returns Lambda's
     * answer, whose {@code version} names the published version ({@code $LATEST} on some emulators: callers look it up then).
     */
    public CreateFunctionResponse createPublished(FunctionDefinition function, PackageCode code, Duration rolePropagation,
                                                  String versionDescription) {
        var request = function.toCreateRequest(code).toBuilder().publish(true).description(versionDescription)
                .overrideConfiguration(timeouts.forUpload(code.requestBytes())).build();
        CreateFunctionResponse created = AwsRetry.retry(() -> lambda.createFunction(request), AwsErrors::isRoleNotYetAssumable, rolePropagation);
        code.verify(created.codeSha256());
        return created;
    }

    public void updateCode(String name, String architecture, PackageCode code) {
        awaitSettled(name);
        var updated = AwsRetry.whileBusy(() -> lambda.updateFunctionCode(b -> b.functionName(name)
                .architectures(Architecture.fromValue(architecture))
                .zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key())
                .overrideConfiguration(timeouts.forUpload(code.requestBytes()))));
        code.verify(updated.codeSha256());
    }

    /**
     * As {@link #updateCode}, publishing the result as a version in the same call, only if $LATEST is still at
     * {@code revisionId} (else Lambda refuses with {@code PreconditionFailedException}, for the caller to report).
     * Returns Lambda's answer, the published version's configuration ({@code version} names it; {@code $LATEST} on
     * some emulators). The version takes $LATEST's description.
     */
    public UpdateFunctionCodeResponse updateCodePublished(String name, String architecture, PackageCode code, String revisionId) {
        awaitSettled(name);
        var updated = AwsRetry.whileBusy(() -> lambda.updateFunctionCode(b -> b.functionName(name)
                .architectures(Architecture.fromValue(architecture))
                .zipFile(code.zipFile()).s3Bucket(code.s3Bucket()).s3Key(code.s3Key())
                .publish(true).revisionId(revisionId)
                .overrideConfiguration(timeouts.forUpload(code.requestBytes()))));
        code.verify(updated.codeSha256());
        return updated;
    }

    public void updateConfiguration(UpdateFunctionConfigurationRequest request) {
        awaitSettled(request.functionName());
        AwsRetry.whileBusy(() -> lambda.updateFunctionConfiguration(request));
    }

    /**
     * Waits until the function can take a change. An earlier update that failed leaves the function usable (the next
     * update replaces it), so only a function that failed to be created is an error here. A missing function is settled.
     *
     * @return true if it had to wait
     */
    public boolean awaitSettled(String name) {
        return await(name, false).waited();
    }

    /** Waits for the change just made to land; a failed creation or update is an error naming Lambda's reason. */
    public void awaitDone(String name) {
        await(name, true);
    }

    /**
     * As {@link #awaitDone}, returning the configuration the last poll read (null for a missing function): the polls
     * that wait double as the read a caller needs next, such as the RevisionId a publish checks.
     */
    public GetFunctionConfigurationResponse awaitDoneConfiguration(String name) {
        return await(name, true).configuration();
    }

    private record Settled(GetFunctionConfigurationResponse configuration, boolean waited) {}

    private Settled await(String name, boolean strict) {
        long deadline = System.nanoTime() + STATE_LIMIT.toNanos();
        long sleepMillis = 50;
        boolean waited = false;
        while (true) {
            GetFunctionConfigurationResponse c;
            try {
                c = lambda.getFunctionConfiguration(b -> b.functionName(name));
            } catch (RuntimeException e) {
                if (AwsErrors.isNotFound(e)) return new Settled(null, waited);
                throw e;
            }
            String state = c.stateAsString();
            String update = c.lastUpdateStatusAsString();
            if ("Failed".equals(state) || (strict && "Failed".equals(update))) {
                String reason = "Failed".equals(update) && c.lastUpdateStatusReason() != null ? c.lastUpdateStatusReason() : c.stateReason();
                throw new JavezeException("function " + name + ": " + ("Failed".equals(state) ? "did not become Active" : "update did not succeed")
                        + " (State " + state + ", LastUpdateStatus " + update + (reason != null ? ": " + reason : "") + ")");
            }
            if (!"Pending".equals(state) && !"InProgress".equals(update)) return new Settled(c, waited);
            if (System.nanoTime() > deadline) {
                throw new JavezeException("function " + name + " is still " + state + "/" + update + " after "
                        + STATE_LIMIT.toMinutes() + " minutes");
            }
            waited = true;
            AwsRetry.sleep(Duration.ofMillis(sleepMillis));
            sleepMillis = Math.min(1_000, sleepMillis * 3 / 2);
        }
    }
}
