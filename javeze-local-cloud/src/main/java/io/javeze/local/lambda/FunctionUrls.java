package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.AwsResponse;
import io.javeze.local.http.Clock;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Function URLs: {@code http://{urlId}.lambda-url.localhost:PORT/}, one per function (or alias). */
final class FunctionUrls {
    private final LambdaState state;
    private final URI endpoint;

    FunctionUrls(LambdaState state, URI endpoint) {
        this.state = state;
        this.endpoint = endpoint;
    }

    AwsResponse handle(AwsCall call) {
        return switch (call.operation()) {
            case "CreateFunctionUrlConfig" -> AwsResponse.json(201, createUrl(call));
            case "GetFunctionUrlConfig" -> AwsResponse.json(url(call));
            case "UpdateFunctionUrlConfig" -> AwsResponse.json(updateUrl(call));
            default -> deleteUrl(call);
        };
    }


    private ObjectNode urlTarget(AwsCall call) {
        ObjectNode fn = state.function(call.path("FunctionName"));
        String q = FunctionRef.parse(call.path("FunctionName")).qualifierOr(call.query("Qualifier"));
        if (q != null && !fn.get("aliases").has(q) && !q.equals("$LATEST")) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        return fn;
    }

    private static void validateUrlInput(JsonNode in, boolean required) {
        String auth = in.path("AuthType").asText(null);
        if ((auth == null && required) || (auth != null && !auth.equals("NONE") && !auth.equals("AWS_IAM"))) {
            throw AwsException.validation("1 validation error detected: Value '" + auth
                    + "' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]");
        }
    }

    private ObjectNode createUrl(AwsCall call) {
        ObjectNode fn = urlTarget(call);
        JsonNode in = call.json();
        validateUrlInput(in, true);
        String arn = fn.get("config").get("FunctionArn").asText();
        if (fn.has("url")) {
            throw new AwsException(409, "ResourceConflictException", "Failed to create function url config for [functionArn = "
                    + arn + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
        }
        String urlId = UUID.randomUUID().toString().replace("-", "");
        String now = Clock.iso(System.currentTimeMillis());
        ObjectNode url = fn.putObject("url");
        url.put("FunctionUrl", "http://" + urlId + ".lambda-url.localhost:" + endpoint.getPort() + "/")
                .put("FunctionArn", arn).put("AuthType", in.get("AuthType").asText())
                .put("CreationTime", now).put("LastModifiedTime", now)
                .put("InvokeMode", in.path("InvokeMode").asText("BUFFERED"));
        if (in.has("Cors")) {
            url.set("Cors", in.get("Cors").deepCopy());
        }
        fn.put("urlId", urlId);
        String q = FunctionRef.parse(call.path("FunctionName")).qualifierOr(call.query("Qualifier"));
        if (q != null) {
            fn.put("urlQualifier", q);
        }
        state.save();
        ObjectNode out = url.deepCopy();
        out.remove("LastModifiedTime");
        return out;
    }

    private ObjectNode existingUrl(ObjectNode fn) {
        if (!fn.has("url")) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        return (ObjectNode) fn.get("url");
    }

    private ObjectNode url(AwsCall call) {
        return existingUrl(urlTarget(call)).deepCopy();
    }

    private ObjectNode updateUrl(AwsCall call) {
        ObjectNode url = existingUrl(urlTarget(call));
        JsonNode in = call.json();
        validateUrlInput(in, false);
        if (in.hasNonNull("AuthType")) {
            url.put("AuthType", in.get("AuthType").asText());
        }
        if (in.has("Cors")) {
            url.set("Cors", in.get("Cors").deepCopy());
        }
        if (in.hasNonNull("InvokeMode")) {
            url.put("InvokeMode", in.get("InvokeMode").asText());
        }
        url.put("LastModifiedTime", Clock.iso(System.currentTimeMillis()));
        state.save();
        return url.deepCopy();
    }

    private AwsResponse deleteUrl(AwsCall call) {
        ObjectNode fn = urlTarget(call);
        existingUrl(fn);
        fn.remove(List.of("url", "urlId", "urlQualifier"));
        state.save();
        return AwsResponse.empty(204);
    }

    /** The function (and qualifier) behind a function URL id, for the data plane. */
    public String functionForUrl(String urlId) {
        synchronized (state) {
            for (JsonNode fn : state.functions()) {
                if (urlId.equals(fn.path("urlId").asText())) {
                    String arn = fn.get("config").get("FunctionArn").asText();
                    return fn.has("urlQualifier") ? arn + ":" + fn.get("urlQualifier").asText() : arn;
                }
            }
            return null;
        }
    }

    /** The URL config (AuthType, Cors, InvokeMode) behind a function URL id, or null. */
    public ObjectNode urlConfig(String urlId) {
        synchronized (state) {
            for (JsonNode fn : state.functions()) {
                if (urlId.equals(fn.path("urlId").asText())) {
                    return fn.get("url").deepCopy();
                }
            }
            return null;
        }
    }

}
