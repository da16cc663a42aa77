package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import java.util.UUID;
import java.util.regex.Pattern;

/** A function's resource-based policy: AddPermission / RemovePermission / GetPolicy, and the check Lambda makes. */
final class LambdaPermissions {
    private static final Pattern SID = Pattern.compile("[a-zA-Z0-9-_.]{1,100}");
    private final LambdaStore store;

    LambdaPermissions(LambdaStore store) {
        this.store = store;
    }

    ObjectNode call(String operation, ObjectNode in) {
        String functionName = in.path("FunctionName").asText(null);
        String q = FunctionRef.parse(functionName).qualifierOr(Json.text(in, "Qualifier"));
        return switch (operation) {
            case "AddPermission" -> add(functionName, q, in);
            case "RemovePermission" -> {
                String sid = in.path("StatementId").asText();
                yield store.update(functionName, fn -> {
                    if (!fn.policy.removeIf(p -> p.sid().equals(sid))) {
                        throw new AwsException(404, "ResourceNotFoundException", "Statement " + sid + " is not found in resource policy.");
                    }
                    fn.policyRevision = UUID.randomUUID().toString();
                    return null;
                });
            }
            case "GetPolicy" -> {
                FunctionRecord fn = store.function(functionName);
                if (fn.policy.isEmpty()) {
                    throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
                }
                ObjectNode doc = Json.object().put("Version", "2012-10-17").put("Id", "default");
                ArrayNode statements = doc.putArray("Statement");
                fn.policy.forEach(p -> statements.add(p.statement().deepCopy()));
                yield Json.object().put("Policy", doc.toString())
                        .put("RevisionId", fn.policyRevision == null ? UUID.randomUUID().toString() : fn.policyRevision);
            }
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private ObjectNode add(String functionName, String qualifier, ObjectNode in) {
        String sid = in.path("StatementId").asText();
        if (!SID.matcher(sid).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + sid + "' at 'statementId' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }
        String action = in.path("Action").asText();
        String principal = in.path("Principal").asText();
        if (!action.matches("(lambda:[*]|lambda:[a-zA-Z]+|[*])")) {
            throw AwsException.validation("1 validation error detected: Value '" + action + "' at 'action' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        return store.update(functionName, fn -> {
            for (FunctionRecord.Permission p : fn.policy) {
                if (p.sid().equals(sid)) {
                    throw new AwsException(409, "ResourceConflictException", "The statement id (" + sid
                            + ") provided already exists. Please provide a new statement id, or remove the existing statement.");
                }
            }
            ObjectNode st = Json.object();
            st.put("Sid", sid).put("Effect", "Allow");
            if (principal.endsWith(".amazonaws.com")) {
                st.putObject("Principal").put("Service", principal);
            } else if (principal.matches("\\d{12}")) {
                st.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
            } else {
                st.putObject("Principal").put("AWS", principal);
            }
            st.put("Action", action).put("Resource", qualifier == null ? fn.arn() : fn.arn() + ":" + qualifier);
            ObjectNode condition = Json.object();
            if (in.hasNonNull("SourceArn")) {
                condition.putObject("ArnLike").put("AWS:SourceArn", in.get("SourceArn").asText());
            }
            if (in.hasNonNull("SourceAccount")) {
                condition.withObjectProperty("StringEquals").put("AWS:SourceAccount", in.get("SourceAccount").asText());
            }
            if (in.hasNonNull("FunctionUrlAuthType")) {
                condition.withObjectProperty("StringEquals").put("lambda:FunctionUrlAuthType", in.get("FunctionUrlAuthType").asText());
            }
            if (condition.size() > 0) {
                st.set("Condition", condition);
            }
            fn.policy.add(new FunctionRecord.Permission(sid, st));
            fn.policyRevision = UUID.randomUUID().toString();
            return Json.object().put("Statement", st.toString());
        });
    }

    /**
     * Whether some statement grants {@code lambda:InvokeFunctionUrl} for a URL of {@code authType}, as Lambda requires
     * before a function URL invokes: a NONE URL needs a statement for principal "*" (the one AWS adds with
     * {@code FunctionUrlAuthType=NONE}); without one the URL answers 403.
     */
    static boolean allowsFunctionUrl(FunctionRecord fn, String authType) {
        for (FunctionRecord.Permission permission : fn.policy) {
            JsonNode st = permission.statement();
            String action = st.path("Action").asText();
            if (!action.equals("lambda:InvokeFunctionUrl") && !action.equals("lambda:*") && !action.equals("*")) {
                continue;
            }
            JsonNode p = st.path("Principal");
            String granted = p.isTextual() ? p.asText() : p.has("Service") ? p.get("Service").asText() : p.path("AWS").asText();
            if ("NONE".equals(authType) && !granted.equals("*")) {
                continue;
            }
            String required = st.path("Condition").path("StringEquals").path("lambda:FunctionUrlAuthType").asText(null);
            if (required != null && !required.equals(authType)) {
                continue;
            }
            return true;
        }
        return false;
    }

    /** Whether some statement lets {@code principal} (a service such as apigateway.amazonaws.com) invoke from sourceArn. */
    static boolean allows(FunctionRecord fn, String principal, String sourceArn) {
        for (FunctionRecord.Permission permission : fn.policy) {
            JsonNode st = permission.statement();
            String action = st.path("Action").asText();
            if (!action.equals("lambda:InvokeFunction") && !action.equals("lambda:*") && !action.equals("*")) {
                continue;
            }
            JsonNode p = st.path("Principal");
            String granted = p.isTextual() ? p.asText() : p.has("Service") ? p.get("Service").asText() : p.path("AWS").asText();
            if (!granted.equals("*") && !granted.equals(principal)) {
                continue;
            }
            String pattern = st.path("Condition").path("ArnLike").path("AWS:SourceArn").asText(null);
            if (pattern != null && (sourceArn == null || !arnLike(pattern, sourceArn))) {
                continue;
            }
            return true;
        }
        return false;
    }

    /** IAM's ArnLike: '*' matches any run of characters, '?' any one character. */
    static boolean arnLike(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
    }
}
