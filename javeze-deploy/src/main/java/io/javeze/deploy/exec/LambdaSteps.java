package io.javeze.deploy.exec;

import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import java.time.Duration;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

final class LambdaSteps {
    /** How long a new role may take to become assumable by Lambda (IAM propagation is usually under 10 s). */
    private static final Duration ROLE_PROPAGATION_LIMIT = Duration.ofSeconds(120);

    private LambdaSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        LambdaClient lambda = ctx.clients.lambda();
        if (action instanceof Action.CreateFunction a) {
            create(lambda, ctx, a.function());
            return true;
        }
        if (action instanceof Action.UpdateFunctionCode a) {
            updateCode(lambda, ctx, a.function());
            return true;
        }
        if (action instanceof Action.UpdateFunctionConfiguration a) {
            updateConfiguration(lambda, ctx, a.function());
            return true;
        }
        if (action instanceof Action.TagFunction a) {
            String arn = ctx.arns.function(a.lambdaName());
            if (!a.set().isEmpty()) ctx.calls.run(() -> lambda.tagResource(b -> b.resource(arn).tags(a.set())));
            if (!a.remove().isEmpty()) ctx.calls.run(() -> lambda.untagResource(b -> b.resource(arn).tagKeys(a.remove())));
            return true;
        }
        if (action instanceof Action.DeleteFunction a) {
            ignoreMissing(() -> ctx.calls.run(() -> lambda.deleteFunction(b -> b.functionName(a.lambdaName()))));
            ctx.recorder.put(Section.FUNCTIONS, a.lambdaName(), null);
            return true;
        }
        if (action instanceof Action.UpdateMapping a) {
            ctx.calls.run(() -> lambda.updateEventSourceMapping(b -> b.uuid(a.uuid()).batchSize(a.queue().batchSize())
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).enabled(true)));
            return true;
        }
        if (action instanceof Action.DeleteMapping a) {
            ignoreMissing(() -> ctx.calls.run(() -> lambda.deleteEventSourceMapping(b -> b.uuid(a.uuid()))));
            ctx.recorder.forgetValue(Section.EVENT_SOURCE_MAPPINGS, a.uuid());
            return true;
        }
        if (action instanceof Action.SetLogRetention a) {
            var logs = ctx.clients.logs();
            if (a.create()) {
                try {
                    ctx.calls.run(() -> logs.createLogGroup(b -> b.logGroupName(a.logGroup())));
                } catch (ResourceAlreadyExistsException e) {
                    // Lambda created it on a first invocation
                }
            }
            ctx.calls.run(() -> logs.putRetentionPolicy(b -> b.logGroupName(a.logGroup()).retentionInDays(a.days())));
            return true;
        }
        if (action instanceof Action.DeleteLogGroup a) {
            try {
                ctx.calls.run(() -> ctx.clients.logs().deleteLogGroup(b -> b.logGroupName(a.logGroup())));
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                // already gone
            }
            return true;
        }
        return false;
    }

    private static void create(LambdaClient lambda, DeployContext ctx, FunctionTarget f) {
        FunctionCode code = ctx.code.codeFor(f);
        CreateFunctionRequest request = CreateFunctionRequest.builder()
                .functionName(f.lambdaName())
                .runtime(f.runtime())
                .handler(f.handler())
                .role(ctx.arns.role(f.roleName()))
                .memorySize(f.memorySize())
                .timeout(f.timeout())
                .architectures(Architecture.fromValue(f.architecture()))
                .environment(Environment.builder().variables(f.environment()).build())
                .tags(f.tags())
                .code(code)
                .publish(true)
                .description(StageSteps.VERSION_DESCRIPTION + ctx.desired.stage())
                .build();
        long deadline = System.nanoTime() + ROLE_PROPAGATION_LIMIT.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                var created = ctx.calls.call(() -> lambda.createFunction(request));
                // Lambda may answer with $LATEST's view; the alias step then looks the version up
                if (created.version() != null && created.version().matches("\\d+")) ctx.published(f.lambdaName(), created.version());
                ctx.recorder.put(Section.FUNCTIONS, f.lambdaName(), created.functionArn());
                return;
            } catch (InvalidParameterValueException e) {
                boolean roleNotReady = String.valueOf(e.getMessage()).contains("cannot be assumed");
                if (!roleNotReady || System.nanoTime() > deadline) throw e;
                AwsCalls.sleep(AwsCalls.backoff(Math.min(attempt, 6)));
            } catch (ResourceConflictException e) {
                // created by an earlier, interrupted attempt: converge it instead
                ctx.recorder.put(Section.FUNCTIONS, f.lambdaName(), ctx.arns.function(f.lambdaName()));
                updateCode(lambda, ctx, f);
                updateConfiguration(lambda, ctx, f);
                return;
            }
        }
    }

    private static void updateCode(LambdaClient lambda, DeployContext ctx, FunctionTarget f) {
        FunctionCode code = ctx.code.codeFor(f);
        ctx.waiter.awaitReady(f.lambdaName());
        ctx.calls.run(() -> lambda.updateFunctionCode(b -> {
            b.functionName(f.lambdaName()).architectures(Architecture.fromValue(f.architecture()));
            if (code.zipFile() != null) b.zipFile(code.zipFile());
            else b.s3Bucket(code.s3Bucket()).s3Key(code.s3Key());
        }));
    }

    private static void updateConfiguration(LambdaClient lambda, DeployContext ctx, FunctionTarget f) {
        ctx.waiter.awaitReady(f.lambdaName());
        ctx.calls.run(() -> lambda.updateFunctionConfiguration(b -> b.functionName(f.lambdaName())
                .runtime(f.runtime())
                .handler(f.handler())
                .role(ctx.arns.role(f.roleName()))
                .memorySize(f.memorySize())
                .timeout(f.timeout())
                .environment(Environment.builder().variables(f.environment()).build())));
    }

    private static void ignoreMissing(Runnable r) {
        try {
            r.run();
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }
}
