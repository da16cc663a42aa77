package io.javeze.deploy.state;

import io.javeze.deploy.aws.Clients;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.record.Deployed;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.javeze.deploy.model.RoleTarget;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** Reads everything the service has deployed, every feature side by side. Makes no change. */
public final class StateReader {
    private final Clients clients;
    private final AwsCalls calls;
    private final ExecutorService pool;

    public StateReader(Clients clients, AwsCalls calls, ExecutorService pool) {
        this.clients = clients;
        this.calls = calls;
        this.pool = pool;
    }

    /** @param readLogGroups whether log groups matter (retention configured, or remove --logs) */
    public ActualApp read(DesiredApp desired, Deployed recorded, boolean readLogGroups) {
        return read(desired, CompletableFuture.completedFuture(desired), recorded, readLogGroups);
    }

    /**
     * @param resolved {@code desired} with what is still being read elsewhere (its layer versions' ARNs), needed only to
     *                 decide which functions need every alias and version read
     */
    public ActualApp read(DesiredApp desired, CompletableFuture<DesiredApp> resolved, Deployed recorded, boolean readLogGroups) {
        // the per-feature readers wait on their own reads in the shared pool, so they run on threads of their own
        ExecutorService features = java.util.concurrent.Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "javeze-read");
            t.setDaemon(true);
            return t;
        });
        try {
            return read(desired, resolved, recorded, readLogGroups, features);
        } finally {
            features.shutdownNow();
        }
    }

    private ActualApp read(DesiredApp desired, CompletableFuture<DesiredApp> resolved, Deployed recorded, boolean readLogGroups,
                           ExecutorService features) {
        CompletableFuture<Map<String, ActualApp.Role>> roles =
                Parallel.async(features, () -> RoleReader.read(clients.iam(), calls, pool, desired));
        CompletableFuture<Map<String, ActualApp.Function>> functions = Parallel.async(features,
                () -> FunctionReader.read(clients.lambda(), calls, pool, desired, resolved, recorded.functions().values(),
                        recorded.eventSourceMappings().values(), false));
        CompletableFuture<ActualApp.Api> api = Parallel.async(features, () -> ApiReader.read(clients.apiGateway(), calls, pool,
                desired.service(), desired.stage(), recorded.apiId(), recorded.authorizers().values()));
        CompletableFuture<Map<String, ActualApp.Topic>> topics =
                Parallel.async(features, () -> PubSubReader.topics(clients.sns(), calls, pool, desired));
        CompletableFuture<Map<String, ActualApp.Queue>> queues =
                Parallel.async(features, () -> PubSubReader.queues(clients.sqs(), calls, pool, desired));
        // one ListSchedules even without @Schedule: a schedule taken out of the code must be found to be deleted
        CompletableFuture<Map<String, ActualApp.Schedule>> schedules =
                Parallel.async(features, () -> ScheduleReader.read(clients.scheduler(), calls, pool, desired));
        Map<String, ActualApp.LogGroup> logs = readLogGroups ? logGroups(desired.service()) : Map.of();
        Map<String, ActualApp.Function> fns = Parallel.join(functions);
        Map<String, ActualApp.Role> roleMap = Parallel.join(roles);
        Set<String> wantedRoles = desired.roles().stream().map(RoleTarget::name).collect(Collectors.toSet());
        boolean roleMayGo = roleMap.values().stream().anyMatch(r -> r.owned() && !wantedRoles.contains(r.name()));
        if (roleMayGo && fns.values().stream().anyMatch(f -> !f.versionsComplete())) {
            // a role stays while a kept version uses it: that needs every version
            fns = FunctionReader.read(clients.lambda(), calls, pool, desired, resolved, recorded.functions().values(),
                    recorded.eventSourceMappings().values(), true);
        }
        return new ActualApp(roleMap, fns, Parallel.join(api), Parallel.join(topics), Parallel.join(queues), logs)
                .withSchedules(Parallel.join(schedules));
    }

    private Map<String, ActualApp.LogGroup> logGroups(String service) {
        Map<String, ActualApp.LogGroup> out = new HashMap<>();
        String prefix = "/aws/lambda/" + service + "-";
        calls.call(() -> clients.logs().describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix)).logGroups().stream().toList())
                .forEach((LogGroup g) -> out.put(g.logGroupName(), new ActualApp.LogGroup(g.logGroupName(), g.retentionInDays())));
        return out;
    }
}
