package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.StateDelays;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.http.AwsCall;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.protocol.Provider;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.util.function.BiFunction;

/**
 * AWS Lambda (rest-json): protocol → this provider → {@link LambdaStore} → the engines ({@link LambdaInvoker} and the
 * function executor, {@link EventSourceMappings}' consumers). Operations get the model's input shapes and answer its
 * output shapes; the generic rest-json protocol does the wire.
 */
public final class LambdaProvider implements Provider {
    private final LambdaStore store;
    private final FunctionOperations functions;
    private final FunctionVersions versions;
    private final LambdaPermissions permissions;
    private final FunctionUrls urls;
    private final LambdaLayers layers;
    private final EventSourceMappings mappings;
    private final LambdaInvoker invoker;

    /**
     * @param roles     the execution roles functions run with
     * @param s3Objects (bucket, key) → object bytes, or null when missing
     */
    public LambdaProvider(StateStore stateStore, String region, URI endpoint, StateDelays delays, long conflictWindowMillis,
                          RoleAuthorizer roles, BiFunction<String, String, byte[]> s3Objects,
                          FunctionExecutor executor, EventSourceMappings.QueueAccess queues) {
        this.store = new LambdaStore(stateStore, region);
        this.invoker = new LambdaInvoker(store, executor, delays, roles);
        this.functions = new FunctionOperations(store, new FunctionSettings(roles, store), delays, conflictWindowMillis,
                s3Objects, endpoint, invoker);
        this.versions = new FunctionVersions(store, invoker);
        this.permissions = new LambdaPermissions(store);
        this.urls = new FunctionUrls(store, endpoint);
        this.layers = new LambdaLayers(store);
        this.mappings = new EventSourceMappings(store, queues, invoker, delays, roles);
    }

    public LambdaInvoker invoker() {
        return invoker;
    }

    public EventSourceMappings mappings() {
        return mappings;
    }

    LambdaStore store() {
        return store;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public ObjectNode call(ServiceModel.Operation operation, ObjectNode in, AwsCall context) {
        String op = operation.name();
        return switch (op) {
            case "Invoke" -> invoker.invoke(in);
            case "CreateFunction", "GetFunction", "GetFunctionConfiguration", "ListFunctions", "UpdateFunctionCode",
                    "UpdateFunctionConfiguration", "DeleteFunction", "TagResource", "UntagResource", "ListTags",
                    "PutFunctionConcurrency", "GetFunctionConcurrency", "DeleteFunctionConcurrency" -> functions.call(op, in);
            case "PublishVersion", "ListVersionsByFunction", "CreateAlias", "GetAlias", "UpdateAlias", "DeleteAlias",
                    "ListAliases" -> versions.call(op, in);
            case "CreateFunctionUrlConfig", "GetFunctionUrlConfig", "UpdateFunctionUrlConfig", "DeleteFunctionUrlConfig" ->
                    urls.call(op, in);
            case "AddPermission", "RemovePermission", "GetPolicy" -> permissions.call(op, in);
            case "PublishLayerVersion", "GetLayerVersion", "ListLayerVersions", "ListLayers", "DeleteLayerVersion",
                    "GetLayerVersionByArn" -> layers.call(op, in);
            case "CreateEventSourceMapping", "GetEventSourceMapping", "UpdateEventSourceMapping",
                    "DeleteEventSourceMapping", "ListEventSourceMappings" -> mappings.call(op, in);
            case "GetAccountSettings" -> accountSettings();
            default -> throw new AwsException(400, "InvalidParameterValueException", "The local cloud does not implement " + op);
        };
    }

    /** The function (qualified when its URL serves an alias) behind a function URL id, for the data plane; null if none. */
    public String functionForUrl(String urlId) {
        return urls.functionForUrl(urlId);
    }

    /** The URL config (AuthType, Cors, InvokeMode) behind a function URL id, or null. */
    public ObjectNode urlConfig(String urlId) {
        return urls.urlConfig(urlId);
    }

    private ObjectNode accountSettings() {
        ObjectNode out = Json.object();
        out.putObject("AccountLimit").put("TotalCodeSize", 80530636800L).put("CodeSizeUnzipped", 262144000L)
                .put("CodeSizeZipped", 52428800L).put("ConcurrentExecutions", 1000).put("UnreservedConcurrentExecutions", 1000);
        out.putObject("AccountUsage").put("TotalCodeSize", 0).put("FunctionCount", store.functions().size());
        return out;
    }
}
