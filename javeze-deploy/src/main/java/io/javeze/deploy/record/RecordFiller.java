package io.javeze.deploy.record;

import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.ApiTarget;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.QueueTarget;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.model.TopicTarget;
import io.javeze.deploy.record.DeployedRecorder.Section;
import io.javeze.deploy.state.ActualApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * After a successful deploy the stage's record describes everything deployed, including what was found unchanged
 * (a deploy from a fresh clone adopts an existing deployment and records all of it), and its history gains an entry
 * when the versions the stage serves changed.
 */
public final class RecordFiller {
    private RecordFiller() {}

    /**
     * @param integrationIds function → integration id, as the run ended
     * @param authorizerIds  authorizer → id, as the run ended
     * @param aliasVersions  function → the version the stage's alias serves, as the run ended
     */
    public static void fill(DeployedRecorder recorder, DesiredApp desired, ActualApp actual, Map<String, String> integrationIds,
                            Map<String, String> authorizerIds, Map<String, String> aliasVersions) {
        Arns arns = new Arns(desired.partition(), desired.region(), desired.account());
        for (RoleTarget r : desired.roles()) {
            ActualApp.Role existing = actual.roles().get(r.name());
            recorder.put(Section.ROLES, r.name(), existing != null ? existing.arn() : arns.role(r.name()));
        }
        for (FunctionTarget f : desired.functions()) {
            recorder.put(Section.FUNCTIONS, f.lambdaName(), desired.aliasArn(f.lambdaName()));
        }
        if (desired.api() != null) {
            desired.api().routes().stream().map(ApiTarget.RouteTarget::function).distinct().forEach(fn -> {
                if (integrationIds.containsKey(fn)) recorder.put(Section.INTEGRATIONS, fn, integrationIds.get(fn));
            });
            desired.api().authorizers().forEach(a -> {
                if (authorizerIds.containsKey(a.name())) recorder.put(Section.AUTHORIZERS, a.name(), authorizerIds.get(a.name()));
            });
            if (actual.api() != null) {
                for (ApiTarget.RouteTarget r : desired.api().routes()) {
                    ActualApp.Route existing = actual.api().routes().get(r.routeKey());
                    if (existing != null && !recorder.current().routes().containsKey(r.routeKey())) {
                        recorder.put(Section.ROUTES, r.routeKey(), existing.id());
                    }
                }
            }
        }
        for (TopicTarget t : desired.topics()) {
            recorder.put(Section.TOPICS, t.name(), t.arn());
        }
        for (QueueTarget q : desired.queues()) {
            String key = q.function() + ":" + q.topic();
            ActualApp.Queue queue = actual.queues().get(q.queueName());
            ActualApp.Queue dlq = actual.queues().get(q.dlqName());
            if (queue != null && dlq != null && !recorder.current().queues().containsKey(key)) {
                recorder.queue(key, new Deployed.QueueRecord(queue.url(), q.queueArn(), dlq.url(), q.dlqArn()));
            }
            ActualApp.Topic topic = actual.topics().get(q.topicArn());
            if (topic != null && !recorder.current().subscriptions().containsKey(key)) {
                topic.subscriptions().entrySet().stream().filter(e -> q.queueArn().equals(e.getValue())).findFirst()
                        .ifPresent(e -> recorder.put(Section.SUBSCRIPTIONS, key, e.getKey()));
            }
            ActualApp.Function fn = actual.functions().get(q.lambdaName());
            if (fn != null && !recorder.current().eventSourceMappings().containsKey(key)) {
                fn.mappings().stream().filter(m -> q.queueArn().equals(m.eventSourceArn()) && desired.stage().equals(m.qualifier()))
                        .findFirst().ifPresent(m -> recorder.put(Section.EVENT_SOURCE_MAPPINGS, key, m.uuid()));
            }
        }
        history(recorder, desired, aliasVersions);
    }

    private static void history(DeployedRecorder recorder, DesiredApp desired, Map<String, String> aliasVersions) {
        Map<String, String> versions = new TreeMap<>();
        desired.functions().forEach(f -> {
            String v = aliasVersions.get(f.lambdaName());
            if (v != null) versions.put(f.lambdaName(), v);
        });
        Deployed d = recorder.current();
        Deployed.DeployRecord serving = d.history().stream().filter(h -> d.current() != null && h.id() == d.current())
                .findFirst().orElse(null);
        if (serving != null && serving.versions().equals(versions)) return;
        int id = d.history().stream().mapToInt(Deployed.DeployRecord::id).max().orElse(0) + 1;
        List<Deployed.DeployRecord> history = new ArrayList<>(d.history());
        history.add(new Deployed.DeployRecord(id, Instant.now().toString(), versions));
        while (history.size() > Deployed.HISTORY_LIMIT) history.remove(0);
        recorder.replace(d.withHistory(id, history));
    }
}
