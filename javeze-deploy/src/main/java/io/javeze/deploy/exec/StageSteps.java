package io.javeze.deploy.exec;

import io.javeze.aws.AwsErrors;
import io.javeze.config.JavezeException;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.record.DeployedRecorder.Section;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;

/**
 * What makes a stage an alias: publishing versions, moving and deleting the stage's alias, pruning versions, and the
 * permissions and event source mappings that target the alias.
 */
final class StageSteps {
    static final String VERSION_DESCRIPTION = "javeze stage=";

    private StageSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        LambdaClient lambda = ctx.clients.lambda();
        if (action instanceof Action.PublishVersion a) {
            publish(lambda, ctx, a.function(), a.stage());
            return true;
        }
        if (action instanceof Action.PublishCode a) {
            publishCode(ctx, a);
            return true;
        }
        if (action instanceof Action.SetAlias a) {
            String version = a.version();
            if (version == null && !ctx.hasPublished(a.lambdaName())) {
                FunctionTarget f = ctx.desired.requireFunctionByLambdaName(a.lambdaName());
                String created = publishedAtCreate(lambda, ctx, f, a.stage());
                if (created != null) ctx.published(f.lambdaName(), created);
                // a create that found the function left by an interrupted run converged it without publishing
                else publish(lambda, ctx, f, a.stage());
            }
            if (version == null) {
                version = ctx.publishedVersion(a.lambdaName());
                FunctionTarget f = ctx.desired.functionByLambdaName(a.lambdaName()).orElse(null);
                // Lambda snapshots a new SnapStart version (State Pending) before it can serve: the stage moves after
                if (f != null && f.snapStart()) ctx.functions().awaitDone(a.lambdaName() + ":" + version);
            }
            String v = version;
            setAlias(lambda, ctx, a.lambdaName(), a.stage(), v, a.create());
            return true;
        }
        if (action instanceof Action.DeleteAlias a) {
            ctx.calls.delete(() -> lambda.deleteAlias(b -> b.functionName(a.lambdaName()).name(a.stage())));
            ctx.recorder.put(Section.FUNCTIONS, a.lambdaName(), null);
            return true;
        }
        if (action instanceof Action.DeleteVersion a) {
            try {
                ctx.calls.delete(() -> lambda.deleteFunction(b -> b.functionName(a.lambdaName()).qualifier(a.version())));
            } catch (RuntimeException e) {
                if (!AwsErrors.isConflict(e)) throw e;
                // an alias moved onto it meanwhile (a rollback of another stage): it stays
            }
            return true;
        }
        if (action instanceof Action.AddPermission a) {
            addPermission(lambda, ctx, a);
            return true;
        }
        if (action instanceof Action.RemovePermission a) {
            ctx.calls.delete(() -> lambda.removePermission(b -> b.functionName(a.lambdaName())
                    .qualifier(a.qualifier()).statementId(a.statementId())));
            return true;
        }
        if (action instanceof Action.CreateMapping a) {
            createMapping(lambda, ctx, a.queue());
            return true;
        }
        return false;
    }

    /**
     * Publishes $LATEST only if it is exactly what this deploy set: same code (CodeSha256) and configuration, at the
     * revision just read (RevisionId). A concurrent deploy of another stage that changed $LATEST in between makes
     * Lambda refuse, so a version never captures another stage's configuration.
     */
    private static void publish(LambdaClient lambda, DeployContext ctx, FunctionTarget f, String stage) {
        GetFunctionConfigurationResponse latest = ctx.functions().awaitDoneConfiguration(f.lambdaName());
        String changed = changed(f);
        if (!f.codeSha256().equals(latest.codeSha256()) || !f.environment().equals(latest.environment() == null
                || latest.environment().variables() == null ? java.util.Map.of() : latest.environment().variables())
                || !ctx.arns.role(f.roleName()).equals(latest.role())) {
            throw new JavezeException(changed);
        }
        try {
            String version = ctx.calls.call(() -> lambda.publishVersion(b -> b.functionName(f.lambdaName())
                    .codeSha256(f.codeSha256()).revisionId(latest.revisionId()).description(VERSION_DESCRIPTION + stage))).version();
            ctx.published(f.lambdaName(), version);
        } catch (PreconditionFailedException e) {
            throw new JavezeException(changed, e);
        }
    }

    /**
     * Uploads the code and publishes it in one call, at the $LATEST revision the plan read (whose configuration is the
     * wanted one): a concurrent change of $LATEST makes Lambda refuse, as {@link #publish} does.
     */
    private static void publishCode(DeployContext ctx, Action.PublishCode a) {
        FunctionTarget f = a.function();
        UpdateFunctionCodeResponse published;
        try {
            published = ctx.functions().updateCodePublished(f.lambdaName(), f.architecture(), ctx.code.codeFor(f), a.revisionId());
        } catch (PreconditionFailedException e) {
            throw new JavezeException(changed(f), e);
        }
        if (!f.codeSha256().equals(published.codeSha256())) throw new JavezeException(changed(f));
        String version = published.version();
        // an emulator answering "$LATEST": the alias step finds the version by its description and code
        if (version == null || !version.matches("\\d+")) return;
        if ("Pending".equals(published.stateAsString()) || "InProgress".equals(published.lastUpdateStatusAsString())) {
            ctx.functions().awaitDone(f.lambdaName() + ":" + version);
        }
        ctx.published(f.lambdaName(), version);
    }

    private static String changed(FunctionTarget f) {
        return "function " + f.lambdaName() + " changed while this deploy published it (a deploy of another stage"
                + " of this service at the same time?); run again";
    }

    /** The version CreateFunction published for the stage, when its answer did not name it. */
    private static String publishedAtCreate(LambdaClient lambda, DeployContext ctx, FunctionTarget f, String stage) {
        return ctx.calls.call(() -> lambda.listVersionsByFunctionPaginator(b -> b.functionName(f.lambdaName())).versions().stream()
                .filter(v -> v.version().matches("\\d+") && (VERSION_DESCRIPTION + stage).equals(v.description())
                        && f.codeSha256().equals(v.codeSha256()))
                .map(FunctionConfiguration::version).max(java.util.Comparator.comparingLong(Long::parseLong)).orElse(null));
    }

    static void setAlias(LambdaClient lambda, DeployContext ctx, String lambdaName, String stage, String version, boolean create) {
        String arn;
        if (create) {
            try {
                arn = ctx.calls.call(() -> lambda.createAlias(b -> b.functionName(lambdaName).name(stage).functionVersion(version)
                        .description("javeze stage " + stage))).aliasArn();
            } catch (RuntimeException e) {
                if (!AwsErrors.isConflict(e)) throw e;
                arn = update(lambda, ctx, lambdaName, stage, version); // created by an earlier, interrupted attempt
            }
        } else {
            arn = update(lambda, ctx, lambdaName, stage, version);
        }
        ctx.aliasMoved(lambdaName, version);
        ctx.recorder.put(Section.FUNCTIONS, lambdaName, arn);
    }

    private static String update(LambdaClient lambda, DeployContext ctx, String lambdaName, String stage, String version) {
        return ctx.calls.call(() -> lambda.updateAlias(b -> b.functionName(lambdaName).name(stage).functionVersion(version))).aliasArn();
    }

    private static void addPermission(LambdaClient lambda, DeployContext ctx, Action.AddPermission a) {
        String apiId = ctx.requireApiId();
        String source = a.authorizer() != null
                ? ctx.arns.authorizerSource(apiId, ctx.authorizerId(a.authorizer()))
                : ctx.arns.routeSource(apiId, a.method(), a.path());
        if (a.replace()) {
            ctx.calls.delete(() -> lambda.removePermission(b -> b.functionName(a.lambdaName())
                    .qualifier(a.qualifier()).statementId(a.statementId())));
        }
        try {
            ctx.calls.run(() -> lambda.addPermission(b -> b.functionName(a.lambdaName()).qualifier(a.qualifier())
                    .statementId(a.statementId()).action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
                    .sourceArn(source)));
        } catch (RuntimeException e) {
            if (!AwsErrors.isConflict(e)) throw e;
            // the same statement, added by an earlier attempt of this step
        }
    }

    private static void createMapping(LambdaClient lambda, DeployContext ctx, QueueTarget q) {
        String key = q.function() + ":" + q.topic();
        String alias = ctx.desired.aliasArn(q.lambdaName());
        try {
            String uuid = ctx.calls.call(() -> lambda.createEventSourceMapping(b -> b.functionName(alias)
                    .eventSourceArn(q.queueArn()).batchSize(q.batchSize()).enabled(true)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES))).uuid();
            ctx.recorder.put(Section.EVENT_SOURCE_MAPPINGS, key, uuid);
        } catch (RuntimeException e) {
            if (!AwsErrors.isConflict(e)) throw e;
            List<String> existing = ctx.calls.call(() -> lambda.listEventSourceMappings(b -> b.functionName(alias)
                    .eventSourceArn(q.queueArn())).eventSourceMappings().stream().map(m -> m.uuid()).toList());
            if (existing.isEmpty()) throw e;
            ctx.recorder.put(Section.EVENT_SOURCE_MAPPINGS, key, existing.get(0));
        }
    }

    static String stageOf(FunctionConfiguration version) {
        String d = version.description();
        return d != null && d.startsWith(VERSION_DESCRIPTION) ? d.substring(VERSION_DESCRIPTION.length()).split(" ", 2)[0] : null;
    }
}
