package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Clock;
import io.javeze.local.http.Json;
import java.net.URI;
import java.util.UUID;

/** Function URLs' operations: {@code http://{urlId}.lambda-url.localhost:PORT/}, one per function (or alias). */
final class FunctionUrls {
    private final LambdaStore store;
    private final URI endpoint;

    FunctionUrls(LambdaStore store, URI endpoint) {
        this.store = store;
        this.endpoint = endpoint;
    }

    ObjectNode call(String operation, ObjectNode in) {
        String functionName = in.path("FunctionName").asText(null);
        String qualifier = FunctionRef.parse(functionName).qualifierOr(Json.text(in, "Qualifier"));
        return switch (operation) {
            case "CreateFunctionUrlConfig" -> {
                validate(in, true);
                yield store.update(functionName, fn -> {
                    checkTarget(fn, qualifier);
                    if (fn.url != null) {
                        throw new AwsException(409, "ResourceConflictException", "Failed to create function url config for [functionArn = "
                                + fn.arn() + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
                    }
                    String urlId = UUID.randomUUID().toString().replace("-", "");
                    String now = Clock.iso(System.currentTimeMillis());
                    fn.url = new FunctionRecord.Url(urlId, qualifier, "http://" + urlId + ".lambda-url.localhost:" + endpoint.getPort() + "/",
                            in.get("AuthType").asText(), in.hasNonNull("Cors") ? in.get("Cors").deepCopy() : null,
                            in.path("InvokeMode").asText("BUFFERED"), now, now);
                    ObjectNode out = shape(fn);
                    out.remove("LastModifiedTime");
                    return out;
                });
            }
            case "GetFunctionUrlConfig" -> {
                FunctionRecord fn = store.function(functionName);
                checkTarget(fn, qualifier);
                existing(fn);
                yield shape(fn);
            }
            case "UpdateFunctionUrlConfig" -> {
                validate(in, false);
                yield store.update(functionName, fn -> {
                    checkTarget(fn, qualifier);
                    FunctionRecord.Url u = existing(fn);
                    fn.url = new FunctionRecord.Url(u.urlId(), u.qualifier(), u.functionUrl(),
                            in.hasNonNull("AuthType") ? in.get("AuthType").asText() : u.authType(),
                            in.has("Cors") ? in.get("Cors").deepCopy() : u.cors(),
                            in.hasNonNull("InvokeMode") ? in.get("InvokeMode").asText() : u.invokeMode(),
                            u.creationTime(), Clock.iso(System.currentTimeMillis()));
                    return shape(fn);
                });
            }
            case "DeleteFunctionUrlConfig" -> store.update(functionName, fn -> {
                checkTarget(fn, qualifier);
                existing(fn);
                fn.url = null;
                return null;
            });
            default -> throw new AwsException(400, "InvalidParameterValueException", "Unsupported " + operation);
        };
    }

    private static void checkTarget(FunctionRecord fn, String qualifier) {
        if (qualifier != null && !fn.aliases.containsKey(qualifier) && !qualifier.equals("$LATEST")) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
    }

    private static void validate(JsonNode in, boolean required) {
        String auth = in.path("AuthType").asText(null);
        if ((auth == null && required) || (auth != null && !auth.equals("NONE") && !auth.equals("AWS_IAM"))) {
            throw AwsException.validation("1 validation error detected: Value '" + auth
                    + "' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, AWS_IAM]");
        }
    }

    private static FunctionRecord.Url existing(FunctionRecord fn) {
        if (fn.url == null) {
            throw new AwsException(404, "ResourceNotFoundException", "The resource you requested does not exist.");
        }
        return fn.url;
    }

    /** The model's {@code GetFunctionUrlConfigResponse}. */
    private static ObjectNode shape(FunctionRecord fn) {
        FunctionRecord.Url u = fn.url;
        ObjectNode out = Json.object().put("FunctionUrl", u.functionUrl()).put("FunctionArn", fn.arn()).put("AuthType", u.authType());
        if (u.cors() != null) {
            out.set("Cors", u.cors().deepCopy());
        }
        return out.put("CreationTime", u.creationTime()).put("LastModifiedTime", u.lastModifiedTime()).put("InvokeMode", u.invokeMode());
    }

    /** The function (qualified when its URL serves an alias) behind a function URL id, for the data plane; null if none. */
    String functionForUrl(String urlId) {
        for (FunctionRecord fn : store.functions()) {
            if (fn.url != null && fn.url.urlId().equals(urlId)) {
                return fn.url.qualifier() != null ? fn.arn() + ":" + fn.url.qualifier() : fn.arn();
            }
        }
        return null;
    }

    /** The URL config (AuthType, Cors, InvokeMode) behind a function URL id, or null. */
    ObjectNode urlConfig(String urlId) {
        for (FunctionRecord fn : store.functions()) {
            if (fn.url != null && fn.url.urlId().equals(urlId)) {
                return shape(fn);
            }
        }
        return null;
    }
}
