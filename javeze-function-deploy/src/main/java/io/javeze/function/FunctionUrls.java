package io.javeze.function;

import io.javeze.aws.AwsErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;

/**
 * A public function URL: auth type NONE plus the two resource-policy statements AWS requires for it since
 * October 2025 (lambda:InvokeFunctionUrl for auth type NONE, and lambda:InvokeFunction when invoked via the URL).
 */
final class FunctionUrls {
    static final String URL_STATEMENT = "FunctionURLAllowPublicAccess";
    static final String INVOKE_STATEMENT = "FunctionURLInvokeAllowPublicAccess";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String function;
    private final String qualifier;

    FunctionUrls(LambdaClient lambda, String function, String qualifier) {
        this.lambda = lambda;
        this.function = function;
        this.qualifier = qualifier;
    }

    /** The URL configured now, or null. */
    String current() {
        GetFunctionUrlConfigResponse config = config();
        return config == null ? null : config.functionUrl();
    }

    String enable(Changes changes) {
        GetFunctionUrlConfigResponse config = config();
        String[] url = {config == null ? null : config.functionUrl()};
        if (config == null) {
            changes.apply("create function URL (auth NONE)", () -> url[0] = lambda.createFunctionUrlConfig(r -> r
                    .functionName(function).qualifier(qualifier).authType(FunctionUrlAuthType.NONE)).functionUrl());
        } else if (config.authType() != FunctionUrlAuthType.NONE) {
            changes.apply("change function URL auth to NONE", () -> lambda.updateFunctionUrlConfig(r -> r
                    .functionName(function).qualifier(qualifier).authType(FunctionUrlAuthType.NONE)));
        }
        Set<String> statements = statements();
        if (!statements.contains(URL_STATEMENT)) {
            changes.apply("allow public lambda:InvokeFunctionUrl", () -> addIgnoringConflict(() -> lambda.addPermission(r -> r
                    .functionName(function).qualifier(qualifier).statementId(URL_STATEMENT)
                    .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE))));
        }
        if (!statements.contains(INVOKE_STATEMENT)) {
            changes.apply("allow public lambda:InvokeFunction via the function URL", () -> addIgnoringConflict(() -> lambda.addPermission(r -> r
                    .functionName(function).qualifier(qualifier).statementId(INVOKE_STATEMENT)
                    .action("lambda:InvokeFunction").principal("*").invokedViaFunctionUrl(true))));
        }
        changes.warn("the function URL " + (url[0] == null ? "" : url[0] + " ") + "is public: anyone who knows it can invoke the function");
        return url[0];
    }

    void disable(Changes changes) {
        if (config() != null) {
            changes.apply("delete function URL", () -> ignoreMissing(() ->
                    lambda.deleteFunctionUrlConfig(r -> r.functionName(function).qualifier(qualifier))));
        }
        Set<String> statements = statements();
        for (String sid : new String[] {URL_STATEMENT, INVOKE_STATEMENT}) {
            if (statements.contains(sid)) {
                changes.apply("remove permission " + sid, () -> ignoreMissing(() ->
                        lambda.removePermission(r -> r.functionName(function).qualifier(qualifier).statementId(sid))));
            }
        }
    }

    private GetFunctionUrlConfigResponse config() {
        try {
            return lambda.getFunctionUrlConfig(r -> r.functionName(function).qualifier(qualifier));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) return null;
            throw e;
        }
    }

    private Set<String> statements() {
        Set<String> sids = new HashSet<>();
        try {
            String policy = lambda.getPolicy(r -> r.functionName(function).qualifier(qualifier)).policy();
            for (JsonNode statement : JSON.readTree(policy).path("Statement")) {
                sids.add(statement.path("Sid").asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Lambda returned a policy that is not JSON", e);
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            // no resource policy yet
        }
        return sids;
    }

    private static void addIgnoringConflict(Runnable add) {
        try {
            add.run();
        } catch (RuntimeException e) {
            if (!AwsErrors.isConflict(e)) throw e;
            // added concurrently: the statement is what we wanted
        }
    }

    private static void ignoreMissing(Runnable remove) {
        try {
            remove.run();
        } catch (RuntimeException e) {
            if (!AwsErrors.isNotFound(e)) throw e;
            // nothing to remove
        }
    }
}
