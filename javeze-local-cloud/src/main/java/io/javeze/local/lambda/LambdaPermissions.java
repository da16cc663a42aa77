package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Json;
import java.util.UUID;
import java.util.regex.Pattern;

/** A function's resource-based policy: AddPermission / RemovePermission / GetPolicy, and the check Lambda makes. */
final class LambdaPermissions {
    private static final Pattern SID = Pattern.compile("[a-zA-Z0-9-_.]{1,100}");
    private final LambdaState state;

    LambdaPermissions(LambdaState state) {
        this.state = state;
    }

    AwsResponse handle(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        ArrayNode policy = (ArrayNode) fn.get("policy");
        String arn = fn.get("config").get("FunctionArn").asText();
        String q = FunctionRef.parse(call.path("FunctionName")).qualifierOr(call.query("Qualifier"));
        String resource = q == null ? arn : arn + ":" + q;
        switch (call.operation()) {
            case "AddPermission" -> {
                JsonNode in = call.json();
                String sid = call.requiredJson("StatementId");
                if (!SID.matcher(sid).matches()) {
                    throw AwsException.validation("1 validation error detected: Value '" + sid + "' at 'statementId' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
                }
                String action = call.requiredJson("Action");
                String principal = call.requiredJson("Principal");
                if (!action.matches("(lambda:[*]|lambda:[a-zA-Z]+|[*])")) {
                    throw AwsException.validation("1 validation error detected: Value '" + action + "' at 'action' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
                }
                for (JsonNode s : policy) {
                    if (s.get("Sid").asText().equals(sid)) {
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
                st.put("Action", action).put("Resource", resource);
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
                policy.add(st);
                fn.put("policyRevision", UUID.randomUUID().toString());
                state.save();
                return AwsResponse.json(201, Json.object().put("Statement", st.toString()));
            }
            case "RemovePermission" -> {
                String sid = call.path("StatementId");
                for (int i = 0; i < policy.size(); i++) {
                    if (policy.get(i).get("Sid").asText().equals(sid)) {
                        policy.remove(i);
                        fn.put("policyRevision", UUID.randomUUID().toString());
                        state.save();
                        return AwsResponse.empty(204);
                    }
                }
                throw new AwsException(404, "ResourceNotFoundException", "Statement " + sid + " is not found in resource policy.");
            }
            default -> {
                if (policy.isEmpty()) {
                    throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
                }
                ObjectNode doc = Json.object().put("Version", "2012-10-17").put("Id", "default");
                doc.set("Statement", policy.deepCopy());
                return AwsResponse.json(Json.object().put("Policy", doc.toString())
                        .put("RevisionId", fn.path("policyRevision").asText(UUID.randomUUID().toString())));
            }
        }
    }

    /**
     * Whether some statement grants {@code lambda:InvokeFunctionUrl} for a URL of {@code authType}, as Lambda requires
     * before a function URL invokes: a NONE URL needs a statement for principal "*" (the one AWS adds with
     * {@code FunctionUrlAuthType=NONE}); without one the URL answers 403.
     */
    static boolean allowsFunctionUrl(ObjectNode fn, String authType) {
        for (JsonNode st : fn.path("policy")) {
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
    static boolean allows(ObjectNode fn, String principal, String sourceArn) {
        for (JsonNode st : fn.path("policy")) {
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
