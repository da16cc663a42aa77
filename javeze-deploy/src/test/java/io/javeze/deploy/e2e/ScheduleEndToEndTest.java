package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.Http;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.scheduler.ScheduleRunner;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * A {@code @Schedule("rate(1 minute)")} function and a route, deployed to an in-process local cloud: the schedule
 * targets the stage's alias with a role that may invoke only that alias, it fires (the local cloud's clock advanced by
 * the test hook, no waiting) and the function runs with its own {@code [functions.NAME]} environment, which the route
 * does not get; a re-deploy converges, a tampered role is refused and repaired, remove deletes schedule and role.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduleEndToEndTest {
    static final String SERVICE = "e2e-cron";
    static final String SCHEDULE = SERVICE + "-prod-tick";
    static final String ROLE = SERVICE + "-prod-schedule-tick";
    static final String ALIAS = "arn:aws:lambda:us-east-1:000000000000:function:" + SERVICE + "-tick:prod";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    static Path project;
    static LocalCloud cloud;
    static CallCounter counter;
    static LocalClients local;
    static DeployReport last;

    @BeforeAll
    static void buildAndStart() throws Exception {
        project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("javeze.toml"), """
                service_name = "%s"

                [deployment]
                region = "us-east-1"

                [lambda]
                memory_size = 256
                environment = { LEVEL = "info" }

                [functions.tick]
                environment = { REPORT_BUCKET = "reports", DB_PASSWORD = { secret = "prod/db" } }
                """.formatted(SERVICE));
        Files.writeString(project.resolve("pom.xml"), TestApp.POM);
        Path src = Files.createDirectories(project.resolve("src/main/java/app"));
        Files.writeString(src.resolve("Jobs.java"), """
                package app;

                import io.javeze.Route;
                import io.javeze.Schedule;
                import io.javeze.ScheduledEvent;

                public final class Jobs {
                    private Jobs() {}

                    @Schedule("rate(1 minute)")
                    public static void tick(ScheduledEvent event) {
                        System.out.println("tick at " + event.scheduledTime() + " attempt " + event.attemptNumber()
                                + " bucket=" + System.getenv("REPORT_BUCKET") + " secret=" + System.getenv("DB_PASSWORD")
                                + " from " + event.scheduleArn());
                    }

                    @Route(method = "GET", path = "/env")
                    public static String env() {
                        return "bucket=" + System.getenv("REPORT_BUCKET") + " level=" + System.getenv("LEVEL");
                    }
                }
                """);
        new TestApp(project).build();
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
        counter = new CallCounter();
        local = new LocalClients(cloud.endpoint(), counter);
    }

    @AfterAll
    static void stop() {
        if (local != null) local.close();
        if (cloud != null) cloud.close();
    }

    static DeployReport deploy(boolean dryRun) {
        counter.reset();
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            DeployReport report = deployer.deploy(project, dryRun);
            if (!dryRun) last = report;
            return report;
        }
    }

    @Test
    @Order(1)
    void deployCreatesTheScheduleOnTheStagesAliasWithALeastPrivilegeRole() throws Exception {
        assertThat(deploy(true).plan())
                .anyMatch(l -> l.startsWith("+ create schedule " + SCHEDULE + " rate(1 minute) -> " + ALIAS + "  [schedule:tick <- "))
                .anyMatch(l -> l.startsWith("+ create role " + ROLE + " (Scheduler may invoke " + ALIAS + ")"));
        deploy(false);

        GetScheduleResponse schedule = local.clients.scheduler().getSchedule(b -> b.name(SCHEDULE));
        assertThat(schedule.scheduleExpression()).isEqualTo("rate(1 minute)");
        assertThat(schedule.target().arn()).isEqualTo(ALIAS);
        assertThat(schedule.target().roleArn()).isEqualTo("arn:aws:iam::000000000000:role/" + ROLE);

        JsonNode trust = JSON.readTree(URLDecoder.decode(local.clients.iam().getRole(b -> b.roleName(ROLE)).role()
                .assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertThat(trust.at("/Statement/0/Principal/Service").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(trust.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("000000000000");
        JsonNode invoke = rolePolicy(ROLE, "javeze-invoke-schedule-target");
        assertThat(invoke.at("/Statement/0/Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(invoke.at("/Statement/0/Resource").asText()).as("that alias only").isEqualTo(ALIAS);
    }

    @Test
    @Order(2)
    void perFunctionEnvironmentAndSecretReachOnlyThatFunction() throws Exception {
        Map<String, String> tick = local.clients.lambda().getFunctionConfiguration(b -> b.functionName(SERVICE + "-tick").qualifier("prod"))
                .environment().variables();
        assertThat(tick).containsEntry("REPORT_BUCKET", "reports").containsEntry("DB_PASSWORD", "prod/db").containsEntry("LEVEL", "info");
        Map<String, String> env = local.clients.lambda().getFunctionConfiguration(b -> b.functionName(SERVICE + "-env").qualifier("prod"))
                .environment().variables();
        assertThat(env).containsEntry("LEVEL", "info").doesNotContainKeys("REPORT_BUCKET", "DB_PASSWORD");
        String url = last.endpoints().stream().filter(e -> e.path().equals("/env")).findFirst().orElseThrow().url();
        assertThat(Http.get(url).body()).isEqualTo("bucket=null level=info");

        String tickRole = local.clients.lambda().getFunctionConfiguration(b -> b.functionName(SERVICE + "-tick")).role();
        JsonNode permissions = rolePolicy(tickRole.substring(tickRole.lastIndexOf('/') + 1), "javeze-permissions");
        assertThat(permissions.toString()).contains("secretsmanager:GetSecretValue")
                .contains("arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-??????");
        String envRole = local.clients.lambda().getFunctionConfiguration(b -> b.functionName(SERVICE + "-env")).role();
        assertThat(envRole).as("the route's role grants no secret").isNotEqualTo(tickRole);
    }

    @Test
    @Order(3)
    void theScheduleFiresAndTheFunctionRunsWithItsPayload() throws Exception {
        assertThat(cloud.schedules().advance(Duration.ofSeconds(10))).as("not due yet").isEmpty();
        List<ScheduleRunner.Run> runs = cloud.schedules().advance(Duration.ofMinutes(1));
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.schedule()).isEqualTo(SCHEDULE);
            assertThat(r.outcome()).as(String.valueOf(r.detail())).isEqualTo(ScheduleRunner.Outcome.INVOKED);
        });
        String expected = "tick at " + runs.get(0).scheduledTime() + " attempt 1 bucket=reports secret=prod/db from "
                + "arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + SCHEDULE;
        assertThat(waitForLog("/aws/lambda/" + SERVICE + "-tick", expected)).as("the function logged its run").isTrue();
    }

    @Test
    @Order(4)
    void redeployWithNothingChangedMakesNoWriteCalls() {
        deploy(false);
        assertThat(counter.writes()).isEmpty();
    }

    @Test
    @Order(5)
    void aRoleThatNoLongerAllowsTheAliasIsRefusedAndRepairedByTheNextDeploy() {
        local.clients.iam().putRolePolicy(b -> b.roleName(ROLE).policyName("javeze-invoke-schedule-target").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\","
                        + "\"Resource\":\"" + ALIAS.replace(":prod", ":dev") + "\"}]}"));
        assertThat(cloud.schedules().advance(Duration.ofMinutes(1))).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(ScheduleRunner.Outcome.REFUSED));
        deploy(false);
        assertThat(counter.writes()).containsExactly("Iam.PutRolePolicy");
        assertThat(cloud.schedules().advance(Duration.ofMinutes(1))).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(ScheduleRunner.Outcome.INVOKED));
    }

    @Test
    @Order(6)
    void removeDeletesTheScheduleAndItsRole() {
        try (Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            DeployReport report = deployer.remove(project, false, true);
            assertThat(report.plan()).anyMatch(l -> l.startsWith("- delete schedule " + SCHEDULE))
                    .anyMatch(l -> l.startsWith("- delete role " + ROLE));
        }
        assertThat(local.clients.scheduler().listSchedules(b -> b.namePrefix(SERVICE)).schedules()).isEmpty();
        assertThat(local.clients.iam().listRoles().roles()).noneMatch(r -> r.roleName().startsWith(SERVICE));
        assertThat(cloud.schedules().advance(Duration.ofMinutes(1))).isEmpty();
    }

    private static JsonNode rolePolicy(String role, String name) throws Exception {
        return JSON.readTree(URLDecoder.decode(local.clients.iam().getRolePolicy(b -> b.roleName(role).policyName(name)).policyDocument(),
                StandardCharsets.UTF_8));
    }

    private static boolean waitForLog(String group, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (local.clients.logs().filterLogEvents(b -> b.logGroupName(group)).events().stream()
                        .anyMatch(e -> e.message().contains(text))) {
                    return true;
                }
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                // not written yet
            }
            Thread.sleep(200);
        }
        return false;
    }
}
