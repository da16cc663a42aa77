package io.javeze.deploy.exec;

import io.javeze.aws.AwsTimeouts;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.record.DeployedRecorder;
import io.javeze.deploy.state.ActualApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.lambda.DependencyLayers;
import io.javeze.lambda.LambdaFunctions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What steps share while a plan runs: the clients, and the ids of things that exist or were just created
 * (seeded from what the reader found), resolved by later steps such as a route needing its integration's id.
 */
public final class DeployContext {
    final DesiredApp desired;
    final Arns arns;
    final Clients clients;
    final AwsCalls calls;
    final DeployedRecorder recorder;
    final LambdaFunctions functions;
    final CodeSource code;
    final DependencyLayers layers;
    private final Map<String, String> layerArns = new ConcurrentHashMap<>();
    private volatile String apiId;
    private volatile String apiEndpoint;
    final Map<String, String> integrationIds = new ConcurrentHashMap<>();
    final Map<String, String> authorizerIds = new ConcurrentHashMap<>();
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, String> aliasVersions = new ConcurrentHashMap<>();

    public DeployContext(DesiredApp desired, ActualApp actual, Clients clients, AwsCalls calls, DeployedRecorder recorder,
                         CodeSource code) {
        this.desired = desired;
        this.arns = new Arns(desired.partition(), desired.region(), desired.account());
        this.clients = clients;
        this.calls = calls;
        this.recorder = recorder;
        this.code = code;
        this.functions = new LambdaFunctions(clients.lambda(), AwsTimeouts.DEFAULT);
        this.layers = new DependencyLayers(clients.lambda(), AwsTimeouts.DEFAULT);
        if (actual.api() != null) {
            apiId = actual.api().id();
            apiEndpoint = actual.api().endpoint();
            for (ActualApp.Integration i : actual.api().integrations()) {
                desired.functions().stream()
                        .filter(f -> desired.aliasArn(f.lambdaName()).equals(i.uri()))
                        .forEach(f -> integrationIds.putIfAbsent(f.name(), i.id()));
            }
            actual.api().authorizers().forEach((name, a) -> authorizerIds.put(name, a.id()));
        }
        actual.functions().values().forEach(f -> {
            String v = f.aliases().get(desired.stage());
            if (v != null) aliasVersions.put(f.name(), v);
        });
    }

    void layerPublished(String digest, String arn) {
        layerArns.put(digest, arn);
    }

    /** The layer version ARNs a function's configuration names: the one found when planning or published by this run. */
    List<String> layersOf(FunctionTarget f) {
        if (f.layer() == null) return List.of();
        String arn = f.layer().arn() != null ? f.layer().arn() : layerArns.get(f.layer().digest());
        if (arn == null) throw new IllegalStateException("dependency layer " + f.layer().digest() + " was not published");
        return List.of(arn);
    }

    void published(String lambdaName, String version) {
        published.put(lambdaName, version);
    }

    boolean hasPublished(String lambdaName) {
        return published.containsKey(lambdaName);
    }

    /** The version PublishVersion (or CreateFunction) made for the function in this run: what its SetAlias step consumes. */
    String publishedVersion(String lambdaName) {
        String v = published.get(lambdaName);
        if (v == null) throw new IllegalStateException("no version of " + lambdaName + " was published");
        return v;
    }

    void aliasMoved(String lambdaName, String version) {
        aliasVersions.put(lambdaName, version);
    }

    /** Function → the version the stage's alias serves, after this run's changes. */
    public Map<String, String> aliasVersions() {
        return Map.copyOf(aliasVersions);
    }

    public String apiId() {
        return apiId;
    }

    public String apiEndpoint() {
        return apiEndpoint;
    }

    void api(String id, String endpoint) {
        apiId = id;
        apiEndpoint = endpoint;
    }

    String requireApiId() {
        if (apiId == null) throw new IllegalStateException("the HTTP API does not exist yet");
        return apiId;
    }

    String integrationId(String function) {
        String id = integrationIds.get(function);
        if (id == null) throw new IllegalStateException("no integration for function " + function);
        return id;
    }

    String authorizerId(String name) {
        String id = authorizerIds.get(name);
        if (id == null) throw new IllegalStateException("no authorizer " + name);
        return id;
    }

    /** The Lambda engine: creates, updates and waits for this deploy's functions. */
    public LambdaFunctions functions() {
        return functions;
    }

    /** Function → its integration's id, as the run ended. */
    public Map<String, String> integrationIds() {
        return Map.copyOf(integrationIds);
    }

    public Map<String, String> authorizerIds() {
        return Map.copyOf(authorizerIds);
    }
}
