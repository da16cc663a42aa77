package io.javeze.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.store.StateStore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider over its store: records survive a restart; the document an older cloud wrote is migrated. */
class SchedulerServiceTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/r";

    @TempDir
    Path dir;

    private static ObjectNode call(SchedulerService service, String operation, ObjectNode input) {
        return service.call(ServiceModel.of("scheduler").operation(operation), input, null);
    }

    private static ObjectNode createInput(String name) {
        ObjectNode in = Json.object().put("Name", name).put("ScheduleExpression", "rate(5 minutes)");
        in.putObject("FlexibleTimeWindow").put("Mode", "OFF");
        in.putObject("Target").put("Arn", "arn:aws:lambda:us-east-1:000000000000:function:f").put("RoleArn", ROLE)
                .put("Input", "{\"a\":1}");
        return in;
    }

    @Test
    void schedulesSurviveARestartAndEveryChangeTellsTheRunner() {
        AtomicInteger changes = new AtomicInteger();
        try (StateStore store = new StateStore(dir)) {
            SchedulerService service = new SchedulerService(store, "us-east-1", changes::incrementAndGet, () -> 1_000_000L);
            call(service, "CreateSchedule", createInput("a"));
            call(service, "UpdateSchedule", createInput("a").put("State", "DISABLED"));
            call(service, "GetSchedule", Json.object().put("Name", "a"));
            assertEquals(2, changes.get(), "creates and updates tell the runner, reads do not");
            store.awaitDurable();
        }
        try (StateStore store = new StateStore(dir)) {
            SchedulerService service = new SchedulerService(store, "us-east-1", () -> { }, () -> 2_000_000L);
            Schedule s = service.snapshot().get("default/a");
            assertEquals("DISABLED", s.state());
            assertEquals(1000.0, s.creationDate());
            assertEquals("{\"a\":1}", s.target().input());
            assertEquals("OFF", s.flexibleTimeWindow().mode());
        }
    }

    @Test
    void theDocumentAnOlderCloudWroteIsMigrated() {
        try (StateStore store = new StateStore(dir)) {
            ObjectNode doc = Json.object();
            ObjectNode s = createInput("old").put("GroupName", "default").put("State", "ENABLED")
                    .put("Arn", "arn:aws:scheduler:us-east-1:000000000000:schedule/default/old")
                    .put("CreationDate", 1.5e9).put("LastModificationDate", 1.5e9);
            doc.putObject("schedules").set("default/old", s);
            store.save("scheduler", doc);
            store.awaitDurable();
        }
        try (StateStore store = new StateStore(dir)) {
            SchedulerService service = new SchedulerService(store, "us-east-1", () -> { }, System::currentTimeMillis);
            ObjectNode got = call(service, "GetSchedule", Json.object().put("Name", "old"));
            assertEquals("rate(5 minutes)", got.get("ScheduleExpression").asText());
            assertEquals(ROLE, got.get("Target").get("RoleArn").asText());
            assertFalse(store.load("scheduler").has("schedules"), "the old document is gone once migrated");
            assertTrue(call(service, "ListSchedules", Json.object()).get("Schedules").size() == 1);
        }
    }
}
