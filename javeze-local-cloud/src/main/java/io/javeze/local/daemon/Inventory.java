package io.javeze.local.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.iam.IamStore;
import io.javeze.local.sns.SnsStore;
import io.javeze.local.sqs.SqsStore;
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
        store.table("apigateway-apis").records().values().forEach(a -> { // one HttpApi record per API
            List<String> stages = new ArrayList<>();
            a.path("Stages").fieldNames().forEachRemaining(stages::add);
            JsonNode api = a.path("Api");
            apis.add(new Api(api.path("ApiId").asText(), api.path("Name").asText(), api.path("ApiEndpoint").asText(), stages,
                    a.path("Routes").size()));
        });
        store.load("apigateway").path("apis").forEach(a -> { // a data directory the API Gateway store has not migrated yet
            List<String> stages = new ArrayList<>();
            a.path("stages").fieldNames().forEachRemaining(stages::add);
            apis.add(new Api(a.path("apiId").asText(), a.path("name").asText(), a.path("apiEndpoint").asText(), stages,
                    a.path("routes").size()));
        });
        List<String> queues = new ArrayList<>();
        queues.addAll(SqsStore.queueNames(store));
        List<String> topics = new ArrayList<>();
        SnsStore.topicArns(store).forEach(topics::add);
        List<String> roles = new ArrayList<>(IamStore.roleNames(store));
        return new Inventory(functions, apis, queues, topics, roles);
    }
}
