package io.javeze.deploy.state;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.exec.AwsCalls;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.ScheduleTarget;
import io.javeze.config.Naming;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * The stage's schedules: listed by the stage's name prefix in the default group, each read with GetSchedule. Schedules
 * carry no tags, so ownership is the description javeze writes ({@link ScheduleTarget#ownedBy}).
 */
final class ScheduleReader {
    private ScheduleReader() {}

    static Map<String, ActualApp.Schedule> read(SchedulerClient scheduler, AwsCalls calls, ExecutorService pool, DesiredApp desired) {
        String prefix = Naming.stageScoped(desired.service(), desired.stage(), "");
        List<String> names = calls.call(() -> scheduler.listSchedulesPaginator(b -> b.groupName(ScheduleTarget.GROUP).namePrefix(prefix))
                .schedules().stream().map(ScheduleSummary::name).toList());
        List<ActualApp.Schedule> found = Parallel.map(pool, names, name -> {
            GetScheduleResponse s;
            try {
                s = calls.call(() -> scheduler.getSchedule(b -> b.groupName(ScheduleTarget.GROUP).name(name)));
            } catch (RuntimeException e) {
                if (!AwsErrors.isNotFound(e)) throw e;
                return null; // deleted while we looked
            }
            boolean owned = ScheduleTarget.ownedBy(s.description(), desired.service(), desired.stage());
            return new ActualApp.Schedule(s.name(), s.scheduleExpression(), s.scheduleExpressionTimezone(),
                    s.target() == null ? null : s.target().arn(), s.target() == null ? null : s.target().roleArn(),
                    s.target() == null ? null : s.target().input(), s.stateAsString(), s.description(), owned);
        });
        Map<String, ActualApp.Schedule> out = new HashMap<>();
        found.stream().filter(s -> s != null).forEach(s -> out.put(s.name(), s));
        return out;
    }
}
