package io.javeze.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.lambda.LambdaStore;
import io.javeze.local.store.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What is deployed to a local cloud, read from its data directory (works whether or not it is running). */
public record Inventory(List<Function> functions, List<Api> apis, List<String> queues, List<String> topics, List<String> roles) {

    public record Function(String name, String runtime, String handler, String url) {}

    public record Api(String apiId, String name, String endpoint, List<String> stages, int routes) {}

    public static Inventory read(Path dataDir) {
        StateStore store = new StateStore(dataDir);
        List<Function> functions = new ArrayList<>();
        LambdaStore.persistedFunctions(store).forEach(fn -> {
            JsonNode c = fn.path("config");
            functions.add(new Function(c.path("FunctionName").asText(), c.path("Runtime").asText(), c.path("Handler").asText(),
                    fn.path("url").path("FunctionUrl").asText(null)));
        });
        List<Api> apis = new ArrayList<>();
        store.load("apigateway").path("apis").forEach(a -> {
            List<String> stages = new ArrayList<>();
            a.path("stages").fieldNames().forEachRemaining(stages::add);
            apis.add(new Api(a.path("apiId").asText(), a.path("name").asText(), a.path("apiEndpoint").asText(), stages,
                    a.path("routes").size()));
        });
        List<String> queues = new ArrayList<>();
        store.load("sqs").path("queues").fieldNames().forEachRemaining(queues::add);
        List<String> topics = new ArrayList<>();
        store.load("sns").path("topics").forEach(t -> topics.add(t.path("arn").asText()));
        List<String> roles = new ArrayList<>();
        store.load("iam").path("roles").fieldNames().forEachRemaining(roles::add);
        return new Inventory(functions, apis, queues, topics, roles);
    }
}
