package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.config.Naming;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ScheduleSpec;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.ScheduleTarget;
import io.javeze.deploy.state.ActualApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning a {@code @Schedule}: its schedule and role are created, converge, follow the expression and go with the function. */
class SchedulePlanTest {
    static final String SCHEDULE = "shop-prod-nightly";
    static final String ROLE = "shop-prod-schedule-nightly";
    static final String ALIAS = "arn:aws:lambda:us-east-1:123456789012:function:shop-nightly:prod";

    @TempDir
    Path dir;

    private static Manifest withSchedule(String expression) {
        Manifest base = SampleApp.manifest(SampleApp.routes());
        List<FunctionSpec> functions = new ArrayList<>(base.functions());
        functions.add(new FunctionSpec("nightly", Naming.lambdaFunctionName("shop", "nightly"), FunctionKind.SCHEDULE,
                "com.shop.gen.Nightly::handleRequest", "com.shop.App#nightly", null, null, List.of(), null,
                new ScheduleSpec(expression, "Europe/Paris")));
        return new Manifest(1, "shop", functions, base.routes(), base.authorizers(), base.topics(), null, null);
    }

    /** What the reader finds once {@code desired} is deployed, its schedules included. */
    private static ActualApp deployed(DesiredApp desired) {
        ActualApp app = SampleApp.deployed(desired);
        Map<String, ActualApp.Role> roles = new HashMap<>(app.roles());
        Map<String, ActualApp.Schedule> schedules = new HashMap<>();
        for (ScheduleTarget s : desired.schedules()) {
            roles.put(s.roleName(), new ActualApp.Role(s.roleName(), s.roleArn(), Set.of(),
                    Map.of(ScheduleTarget.ROLE_POLICY_NAME, s.rolePolicy()), true));
            schedules.put(s.name(), new ActualApp.Schedule(s.name(), s.expression(), s.timezone(), s.targetArn(), s.roleArn(),
                    ScheduleSpec.INPUT, "ENABLED", s.description(), true));
        }
        return new ActualApp(roles, app.functions(), app.api(), app.topics(), app.queues(), app.logGroups(), app.layerVersions(), schedules);
    }

    @Test
    void aNewScheduleGetsARoleLimitedToTheStagesAlias() throws Exception {
        DesiredApp desired = SampleApp.desired(dir, withSchedule("cron(0 3 * * ? *)"), Map.of());
        ScheduleTarget s = desired.schedules().get(0);
        assertThat(s.name()).isEqualTo(SCHEDULE);
        assertThat(s.targetArn()).isEqualTo(ALIAS);
        assertThat(s.rolePolicy()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"InvokeScheduledAlias\","
                + "\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + ALIAS + "\"}]}");
        assertThat(s.trustPolicy()).contains("\"Service\":\"scheduler.amazonaws.com\"", "\"aws:SourceAccount\":\"123456789012\"",
                "\"aws:SourceArn\":\"arn:aws:scheduler:us-east-1:123456789012:schedule-group/default\"");

        Plan plan = Differ.plan(desired, ActualApp.empty());
        assertThat(plan.describe()).contains("+ create schedule " + SCHEDULE + " cron(0 3 * * ? *) (Europe/Paris) -> " + ALIAS,
                "+ create role " + ROLE + " (Scheduler may invoke " + ALIAS + ")");
        Step create = plan.steps().stream().filter(st -> st.action() instanceof Action.CreateSchedule).findFirst().orElseThrow();
        assertThat(create.dependsOn()).contains("schedule-role:nightly", "alias:shop-nightly");
    }

    @Test
    void anUnchangedScheduleIsLeftAloneAndAChangedOneUpdated() throws Exception {
        DesiredApp before = SampleApp.desired(dir, withSchedule("cron(0 3 * * ? *)"), Map.of());
        assertThat(Differ.plan(before, deployed(before)).isEmpty()).isTrue();

        DesiredApp after = SampleApp.desired(dir, withSchedule("rate(1 hour)"), Map.of());
        assertThat(Differ.plan(after, deployed(before)).describe())
                .containsExactly("~ update schedule " + SCHEDULE + " rate(1 hour) (Europe/Paris) -> " + ALIAS);
    }

    @Test
    void aRoleGrantingMoreIsNarrowedBack() throws Exception {
        DesiredApp desired = SampleApp.desired(dir, withSchedule("rate(1 hour)"), Map.of());
        ActualApp actual = deployed(desired);
        Map<String, ActualApp.Role> roles = new HashMap<>(actual.roles());
        roles.put(ROLE, new ActualApp.Role(ROLE, desired.schedules().get(0).roleArn(), Set.of("arn:aws:iam::aws:policy/AdministratorAccess"),
                Map.of(ScheduleTarget.ROLE_POLICY_NAME, desired.schedules().get(0).rolePolicy(), "extra", "{}"), true));
        Plan plan = Differ.plan(desired, new ActualApp(roles, actual.functions(), actual.api(), actual.topics(), actual.queues(),
                actual.logGroups(), actual.layerVersions(), actual.schedules()));
        assertThat(plan.actions(Action.UpdateScheduleRole.class)).singleElement().satisfies(a -> {
            assertThat(a.deleteInline()).containsExactly("extra");
            assertThat(a.detach()).containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
        });
    }

    @Test
    void aScheduleRemovedFromTheCodeGoesWithItsRoleAfterIt() throws Exception {
        DesiredApp before = SampleApp.desired(dir, withSchedule("rate(1 hour)"), Map.of());
        DesiredApp after = SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of());
        Plan plan = Differ.plan(after, deployed(before));
        assertThat(plan.describe()).contains("- delete schedule " + SCHEDULE, "- delete role " + ROLE);
        Step deleteRole = plan.steps().stream().filter(st -> st.key().equals("delete-role:" + ROLE)).findFirst().orElseThrow();
        assertThat(Plan.resolve(deleteRole, Map.of("delete-schedule:" + SCHEDULE, deleteRole))).contains("delete-schedule:" + SCHEDULE);
    }

    @Test
    void aScheduleOfTheSameNameNotMarkedAsTheStagesIsNeverTakenOver() throws Exception {
        DesiredApp desired = SampleApp.desired(dir, withSchedule("rate(1 hour)"), Map.of());
        ActualApp actual = deployed(desired);
        ActualApp.Schedule mine = actual.schedules().get(SCHEDULE);
        ActualApp foreign = actual.withSchedules(Map.of(SCHEDULE, new ActualApp.Schedule(SCHEDULE, mine.expression(), mine.timezone(),
                mine.targetArn(), mine.roleArn(), mine.input(), "ENABLED", "someone else's", false)));
        assertThatThrownBy(() -> Differ.plan(desired, foreign)).isInstanceOf(JavezeException.class)
                .hasMessageContaining("schedule " + SCHEDULE + " (group default) exists but its description does not mark it");
        ActualApp strayOfAnotherStage = actual.withSchedules(Map.of("shop-prod-other", new ActualApp.Schedule("shop-prod-other",
                "rate(1 day)", null, "x", "y", null, "ENABLED", "not javeze's", false), SCHEDULE, mine));
        assertThat(Differ.plan(desired, strayOfAnotherStage).isEmpty()).as("an unowned schedule is not deleted").isTrue();
    }

    @Test
    void perFunctionEnvironmentAndSecretsGoToThatFunctionAndItsRoleOnly() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("javeze.toml"), """
                service_name = "shop"
                [deployment]
                region = "us-east-1"
                [lambda]
                environment = { LEVEL = "info" }
                [functions.nightly]
                environment = { LEVEL = "debug", DB = { secret = "prod/db" } }
                """);
        DesiredApp desired = io.javeze.deploy.model.DesiredAppBuilder.build(io.javeze.config.JavezeConfig.load(dir),
                withSchedule("rate(1 hour)"), name -> new io.javeze.deploy.packages.PackageEntry(name, dir.resolve(name + ".zip"),
                        "hex", "sha", 1000, null), "us-east-1", "123456789012");
        var nightly = desired.requireFunction("nightly");
        assertThat(nightly.environment()).containsEntry("LEVEL", "debug").containsEntry("DB", "prod/db");
        assertThat(desired.requireFunction("hello").environment()).containsEntry("LEVEL", "info").doesNotContainKey("DB");
        var role = desired.roles().stream().filter(r -> r.name().equals(nightly.roleName())).findFirst().orElseThrow();
        assertThat(role.inlinePolicy()).contains("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????");
        assertThat(desired.roles()).filteredOn(r -> !r.name().equals(nightly.roleName()))
                .allSatisfy(r -> assertThat(String.valueOf(r.inlinePolicy())).doesNotContain("secretsmanager"));
    }
}
