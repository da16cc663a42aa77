package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import io.javeze.lambda.FunctionDefinition;
import io.javeze.lambda.LambdaFunctions;
import io.javeze.lambda.LogRetention;
import java.util.List;
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
            ignoreMissing(() -> ctx.calls.run(() -> lambda.deleteFunction(b -> b.functionName(a.lambdaName()))));
            ctx.recorder.put(Section.FUNCTIONS, a.lambdaName(), null);
            return true;
        }
        if (action instanceof Action.AddPermission a) {
            addPermission(lambda, ctx, a);
            return true;
        }
        if (action instanceof Action.RemovePermission a) {
            ignoreMissing(() -> ctx.calls.run(() -> lambda.removePermission(b -> b.functionName(a.lambdaName()).statementId(a.statementId()))));
            return true;
        }
        if (action instanceof Action.CreateMapping a) {
            createMapping(lambda, ctx, a.queue());
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
                ctx.arns.role(f.roleName()), f.memorySize(), f.timeout(), f.architecture(), f.environment(), f.tags(), null, null);
        try {
            String arn = ctx.functions.create(definition, ctx.code.codeFor(f), LambdaFunctions.NEW_ROLE_PROPAGATION);
            ctx.recorder.put(Section.FUNCTIONS, f.lambdaName(), arn);
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
                .build());
    }

    private static void addPermission(LambdaClient lambda, DeployContext ctx, Action.AddPermission a) {
        String apiId = ctx.requireApiId();
        String source = a.authorizer() != null
                ? ctx.arns.authorizerSource(apiId, ctx.authorizerId(a.authorizer()))
                : ctx.arns.routeSource(apiId, a.method(), a.path());
        if (a.replace()) {
            ignoreMissing(() -> ctx.calls.run(() -> lambda.removePermission(b -> b.functionName(a.lambdaName()).statementId(a.statementId()))));
        }
        try {
            ctx.calls.run(() -> lambda.addPermission(b -> b.functionName(a.lambdaName()).statementId(a.statementId())
                    .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(source)));
        } catch (RuntimeException e) {
            if (!AwsErrors.isConflict(e)) throw e;
            // the same statement, added by an earlier attempt of this step
        }
    }

    private static void createMapping(LambdaClient lambda, DeployContext ctx, QueueTarget q) {
        String key = q.function() + ":" + q.topic();
        try {
            String uuid = ctx.calls.call(() -> lambda.createEventSourceMapping(b -> b.functionName(q.lambdaName())
                    .eventSourceArn(q.queueArn()).batchSize(q.batchSize()).enabled(true)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES))).uuid();
            ctx.recorder.put(Section.EVENT_SOURCE_MAPPINGS, key, uuid);
        } catch (RuntimeException e) {
            if (!AwsErrors.isConflict(e)) throw e;
            List<String> existing = ctx.calls.call(() -> lambda.listEventSourceMappings(b -> b.functionName(q.lambdaName())
                    .eventSourceArn(q.queueArn())).eventSourceMappings().stream().map(m -> m.uuid()).toList());
            if (existing.isEmpty()) throw e;
            ctx.recorder.put(Section.EVENT_SOURCE_MAPPINGS, key, existing.get(0));
        }
    }

    private static void ignoreMissing(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            // already gone
        }
    }
}
