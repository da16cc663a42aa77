package io.javeze.local.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.local.scheduler.ScheduleRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/** EventBridge Scheduler through the AWS SDK: the operations deploy uses, their errors, and schedules firing. */
class SchedulerConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TARGET = "arn:aws:lambda:us-east-1:000000000000:function:job";
    static final String INPUT = "{\"scheduleArn\":\"<aws.scheduler.schedule-arn>\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\","
            + "\"attemptNumber\":\"<aws.scheduler.attempt-number>\"}";

    @TempDir
    static Path dir;
    static CloudFixture fx;
    static SchedulerClient scheduler;
    static String role;

    @BeforeAll
    static void start() {
        fx = new CloudFixture(dir);
        scheduler = fx.aws.scheduler();
        String lambdaRole = fx.createRole("job-role");
        fx.aws.lambda().createFunction(CreateFunctionRequest.builder().functionName("job").role(lambdaRole).runtime(Runtime.JAVA21)
                .handler("a.B::c").code(c -> c.zipFile(SdkBytes.fromByteArray(CloudFixture.sampleZip()))).build());
        role = fx.aws.iam().createRole(r -> r.roleName("scheduler-role").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"scheduler.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"000000000000\"}}}]}"))
                .role().arn();
        fx.aws.iam().putRolePolicy(r -> r.roleName("scheduler-role").policyName("invoke").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + TARGET + "\"}]}"));
    }

    @AfterAll
    static void stop() {
        if (fx != null) fx.close();
    }

    private static CreateScheduleRequest.Builder schedule(String name, String expression) {
        return CreateScheduleRequest.builder().name(name).scheduleExpression(expression)
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(t -> t.arn(TARGET).roleArn(role).input(INPUT));
    }

    @Test
    void lifecycleAndErrorsAsTheModelNamesThem() {
        String arn = scheduler.createSchedule(schedule("life-a", "rate(5 minutes)").description("d").build()).scheduleArn();
        assertThat(arn).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/life-a");
        scheduler.createSchedule(schedule("life-b", "cron(0 12 * * ? *)").scheduleExpressionTimezone("Europe/Paris").build());
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("life-a", "rate(5 minutes)").build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Schedule life-a already exists.");
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("bad", "rate(5 minute)").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("must use the plural");
        assertThatThrownBy(() -> scheduler.createSchedule(schedule("bad", "rate(5 minutes)").groupName("other").build()))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Schedule group other does not exist.");
        assertThatThrownBy(() -> scheduler.getSchedule(r -> r.name("nope")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Schedule nope does not exist.");

        var got = scheduler.getSchedule(r -> r.name("life-b"));
        assertThat(got.scheduleExpressionTimezone()).isEqualTo("Europe/Paris");
        assertThat(got.target().input()).isEqualTo(INPUT);
        assertThat(got.groupName()).isEqualTo("default");
        assertThat(got.stateAsString()).isEqualTo("ENABLED");
        assertThat(got.creationDate()).isNotNull();

        scheduler.updateSchedule(r -> r.name("life-a").scheduleExpression("rate(1 hour)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(TARGET).roleArn(role)));
        assertThat(scheduler.getSchedule(r -> r.name("life-a")).scheduleExpression()).isEqualTo("rate(1 hour)");
        assertThat(scheduler.getSchedule(r -> r.name("life-a")).description()).as("an update replaces the schedule").isNull();
        assertThatThrownBy(() -> scheduler.updateSchedule(r -> r.name("nope").scheduleExpression("rate(1 hour)")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(t -> t.arn(TARGET).roleArn(role))))
                .isInstanceOf(ResourceNotFoundException.class);

        List<String> listed = scheduler.listSchedulesPaginator(r -> r.namePrefix("life-").maxResults(1)).schedules().stream()
                .map(ScheduleSummary::name).toList();
        assertThat(listed).containsExactly("life-a", "life-b");
        scheduler.deleteSchedule(r -> r.name("life-a"));
        scheduler.deleteSchedule(r -> r.name("life-b"));
        assertThatThrownBy(() -> scheduler.deleteSchedule(r -> r.name("life-a"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(scheduler.listSchedules(r -> r.namePrefix("life-")).schedules()).isEmpty();
    }

    @Test
    void aDueScheduleInvokesItsTargetWithSchedulersPayloadOnlyThroughARoleThatAllowsIt() throws Exception {
        scheduler.createSchedule(schedule("fire", "rate(1 minute)").build());
        int before = fx.executor.calls.size();
        List<ScheduleRunner.Run> runs = fx.cloud.schedules().advance(Duration.ofMinutes(1));
        assertThat(runs).filteredOn(r -> r.schedule().equals("fire")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(ScheduleRunner.Outcome.INVOKED));
        Instant scheduled = runs.stream().filter(r -> r.schedule().equals("fire")).findFirst().orElseThrow().scheduledTime();
        JsonNode payload = JSON.readTree(fx.executor.calls.get(before).payload());
        assertThat(payload.get("scheduleArn").asText()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/fire");
        assertThat(payload.get("scheduledTime").asText()).isEqualTo(scheduled.toString());
        assertThat(payload.get("attemptNumber").asText()).isEqualTo("1");

        scheduler.updateSchedule(r -> r.name("fire").scheduleExpression("rate(1 minute)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(TARGET + ":other").roleArn(role)));
        assertThat(fx.cloud.schedules().advance(Duration.ofMinutes(1))).filteredOn(r -> r.schedule().equals("fire")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).as("the role allows only " + TARGET).isEqualTo(ScheduleRunner.Outcome.REFUSED));
        scheduler.deleteSchedule(r -> r.name("fire"));
    }
}
