package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import io.javeze.lambda.FunctionDefinition;
import io.javeze.lambda.LambdaFunctions;
import io.javeze.lambda.LogRetention;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

final class LambdaSteps {
    private LambdaSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        LambdaClient lambda = ctx.clients.lambda();
        if (action instanceof Action.CreateFunction a) {
            create(ctx, a.function());
            return true;
        }
        if (action instanceof Action.UpdateFunctionCode a) {
            updateCode(ctx, a.function());
            return true;
        }
        if (action instanceof Action.UpdateFunctionConfiguration a) {
            updateConfiguration(ctx, a.function());
            return true;
        }
        if (action instanceof Action.TagFunction a) {
            String arn = ctx.arns.function(a.lambdaName());
            if (!a.set().isEmpty()) ctx.calls.run(() -> lambda.tagResource(b -> b.resource(arn).tags(a.set())));
            if (!a.remove().isEmpty()) ctx.calls.run(() -> lambda.untagResource(b -> b.resource(arn).tagKeys(a.remove())));
            return true;
        }
        if (action instanceof Action.DeleteFunction a) {
            ctx.calls.delete(() -> lambda.deleteFunction(b -> b.functionName(a.lambdaName())));
            ctx.recorder.put(Section.FUNCTIONS, a.lambdaName(), null);
            return true;
        }
        if (action instanceof Action.UpdateMapping a) {
            ctx.calls.run(() -> lambda.updateEventSourceMapping(b -> b.uuid(a.uuid()).batchSize(a.queue().batchSize())
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES).enabled(true)));
            return true;
        }
        if (action instanceof Action.DeleteMapping a) {
            ctx.calls.delete(() -> lambda.deleteEventSourceMapping(b -> b.uuid(a.uuid())));
            ctx.recorder.forgetValue(Section.EVENT_SOURCE_MAPPINGS, a.uuid());
            return true;
        }
        if (action instanceof Action.SetLogRetention a) {
            ctx.calls.run(() -> LogRetention.set(ctx.clients.logs(), a.logGroup(), a.days(), a.create()));
            return true;
        }
        if (action instanceof Action.DeleteLogGroup a) {
            ctx.calls.run(() -> LogRetention.delete(ctx.clients.logs(), a.logGroup()));
            return true;
        }
        return false;
    }

    private static void create(DeployContext ctx, FunctionTarget f) {
        FunctionDefinition definition = new FunctionDefinition(f.lambdaName(), f.runtime(), f.handler(),
                ctx.arns.role(f.roleName()), f.memorySize(), f.timeout(), f.architecture(), f.environment(), f.tags(), null,
                ctx.layersOf(f), null, null, f.snapStart() ? Boolean.TRUE : null);
        try {
            var created = ctx.functions.createPublished(definition, ctx.code.codeFor(f), LambdaFunctions.NEW_ROLE_PROPAGATION,
                    StageSteps.VERSION_DESCRIPTION + ctx.desired.stage());
            // Lambda names the version it published; an emulator answering "$LATEST" makes the alias step look it up
            if (created.version() != null && created.version().matches("\\d+")) ctx.published(f.lambdaName(), created.version());
            ctx.recorder.put(Section.FUNCTIONS, f.lambdaName(), created.functionArn());
        } catch (RuntimeException e) {
            if (!AwsErrors.isAlreadyExists(e)) throw e;
            // created by an earlier, interrupted attempt: converge it instead
            ctx.recorder.put(Section.FUNCTIONS, f.lambdaName(), ctx.arns.function(f.lambdaName()));
            updateCode(ctx, f);
            updateConfiguration(ctx, f);
        }
    }

    private static void updateCode(DeployContext ctx, FunctionTarget f) {
        ctx.functions.updateCode(f.lambdaName(), f.architecture(), ctx.code.codeFor(f));
    }

    private static void updateConfiguration(DeployContext ctx, FunctionTarget f) {
        ctx.functions.updateConfiguration(UpdateFunctionConfigurationRequest.builder().functionName(f.lambdaName())
                .runtime(f.runtime())
                .handler(f.handler())
                .role(ctx.arns.role(f.roleName()))
                .memorySize(f.memorySize())
                .timeout(f.timeout())
                .environment(Environment.builder().variables(f.environment()).build())
                .layers(ctx.layersOf(f))
                .snapStart(FunctionDefinition.supportsSnapStart(f.runtime()) ? FunctionDefinition.snapStart(f.snapStart()) : null)
                // what a version published later by UpdateFunctionCode inherits: the next code-only deploy of this stage is one call
                .description(StageSteps.VERSION_DESCRIPTION + ctx.desired.stage())
                .build());
    }
}
