package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.manifest.ScheduleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Schedule}: expressions checked with AWS's rules at the annotation, the generated handler, the manifest. */
class ScheduleTest {
    static final String JOBS = """
            package com.example;

            import io.javeze.*;
            import java.util.*;

            public class Jobs {
                public static final List<Object> RUNS = Collections.synchronizedList(new ArrayList<>());

                @Schedule(value = "cron(0 3 * * ? *)", timezone = "Europe/Paris")
                public static void nightly(ScheduledEvent event) {
                    RUNS.add(event);
                }

                @Schedule("rate(5 minutes)")
                public void tick() {
                    RUNS.add("tick");
                }

                @Schedule(value = "rate(1 hour)", name = "fails")
                public static void broken() throws Exception {
                    throw new java.io.IOException("disk full");
                }
            }
            """;

    @TempDir
    Path project;

    private static Compilation compileBad(String body) {
        return TestCompiler.compile("com.example.Bad",
                "package com.example;\nimport io.javeze.*;\nimport java.util.*;\npublic class Bad {\n" + body + "}\n");
    }

    private static void assertOnlyError(Compilation compilation, long line, String message) {
        Diagnostic<? extends JavaFileObject> error = TestCompiler.onlyError(compilation);
        assertThat(error.getMessage(null)).isEqualTo(message);
        assertThat(error.getLineNumber()).isEqualTo(line);
    }

    private static void assertExpressionError(String expression, String problem) {
        assertOnlyError(compileBad("@Schedule(\"" + expression + "\")\npublic static void job() { }\n"), 5,
                "@Schedule expression \"" + expression + "\": " + problem);
    }

    @Test
    void badRatesAreCompileErrorsAtTheAnnotation() {
        assertExpressionError("rate(5 minute)", "rate(5 minute) must use the plural: rate(5 minutes)");
        assertExpressionError("rate(1 minutes)", "rate(1 minutes) must use the singular: rate(1 minute)");
        assertExpressionError("rate(0 minutes)", "rate value must be a positive whole number, got \"0\"");
        assertExpressionError("rate(5 seconds)", "rate unit must be minute(s), hour(s) or day(s), got \"seconds\"");
        assertExpressionError("every 5 minutes", "must be rate(value unit), cron(minutes hours day-of-month month day-of-week year) "
                + "or at(yyyy-mm-ddThh:mm:ss), got \"every 5 minutes\"");
    }

    @Test
    void badCronsAreCompileErrorsAtTheAnnotation() {
        assertExpressionError("cron(0 12 * * *)",
                "cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got 5 in \"0 12 * * *\"");
        assertExpressionError("cron(0 12 * * MON *)", "cron(...) must have ? in exactly one of day-of-month and day-of-week "
                + "(AWS does not combine them), got \"*\" and \"MON\"");
        assertExpressionError("cron(0 12 ? * ? *)", "cron(...) must have ? in exactly one of day-of-month and day-of-week "
                + "(AWS does not combine them), got \"?\" and \"?\"");
        assertExpressionError("cron(60 12 * * ? *)", "cron minutes value \"60\" must be 0-59");
        assertExpressionError("cron(0 24 * * ? *)", "cron hours value \"24\" must be 0-23");
        assertExpressionError("cron(0 12 * FOO ? *)", "cron month value \"FOO\" must be 1-12 or JAN-DEC");
        assertExpressionError("cron(0 12 ? * 8 *)", "cron day-of-week value \"8\" must be 1-7 or SUN-SAT (or ? / L / #)");
        assertExpressionError("cron(0 12 ? * 2#6 *)", "cron day-of-week 2#6: the week after # must be 1-5");
        assertExpressionError("cron(0 12 * * ? 1969)", "cron year value \"1969\" must be 1970-2199");
        assertExpressionError("cron(0 18-9 * * ? *)", "cron hours \"18-9\": range 18-9 runs backwards");
        assertExpressionError("at(2030-13-01T00:00:00)", "at(...) needs a date and time yyyy-mm-ddThh:mm:ss, got \"2030-13-01T00:00:00\"");
    }

    @Test
    void awsDocumentedExpressionsAreAccepted() {
        for (String ok : List.of("rate(1 minute)", "rate(12 hours)", "rate(7 days)", "cron(0 10 * * ? *)", "cron(15 12 * * ? *)",
                "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)", "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)",
                "cron(0/5 8-17 ? * MON-FRI *)", "cron(0 9 ? * 2#1 *)", "cron(0 12 L * ? *)", "cron(0 12 LW * ? *)",
                "cron(0 12 15W * ? *)", "cron(0 12 ? * 6L 2030-2035)", "at(2030-11-20T13:00:00)")) {
            Compilation c = compileBad("@Schedule(\"" + ok + "\")\npublic static void job() { }\n");
            assertThat(TestCompiler.errors(c)).as(ok).isEmpty();
        }
    }

    @Test
    void badSignaturesAndTimezones() {
        assertOnlyError(compileBad("""
                @Schedule("rate(1 day)")
                public static void job(String what) { }
                """), 6, "@Schedule parameter 'what' has unsupported type java.lang.String; a scheduled method takes no parameter, "
                + "io.javeze.ScheduledEvent and/or the Lambda Context");
        assertOnlyError(compileBad("""
                @Schedule("rate(1 day)")
                public static String job() { return ""; }
                """), 5, "@Schedule method must return void; throw an exception to fail the run (Scheduler retries it)");
        assertOnlyError(compileBad("""
                @Schedule(value = "cron(0 3 * * ? *)", timezone = "Mars/Olympus")
                public static void job() { }
                """), 5, "@Schedule timezone \"Mars/Olympus\" is not an IANA time zone such as \"Europe/Paris\" or \"UTC\"");
        assertOnlyError(compileBad("""
                @Schedule("rate(1 day)") @Route(method = "GET", path = "/x")
                public static void job() { }
                """), 6, "a method can be only one of @Route, @Auth, @Subscriber and @Schedule");
    }

    @Test
    void generatedHandlerPassesTheScheduledEventAndFailsWithTheMethodsException() throws Exception {
        ClassLoader loader = TestCompiler.classLoader(TestCompiler.compileOk(List.of(), "com.example.Jobs", JOBS));
        @SuppressWarnings("unchecked")
        List<Object> runs = (List<Object>) loader.loadClass("com.example.Jobs").getField("RUNS").get(null);
        ObjectNode payload = LambdaHarness.JSON.createObjectNode()
                .put("scheduleArn", "arn:aws:scheduler:us-east-1:123456789012:schedule/default/shop-prod-nightly")
                .put("scheduledTime", "2030-01-01T02:00:00Z").put("executionId", "e-1").put("attemptNumber", "2");
        LambdaHarness.invoke(LambdaHarness.newHandler(loader, "com.example.javeze.NightlyFunction"), payload);
        LambdaHarness.invoke(LambdaHarness.newHandler(loader, "com.example.javeze.TickFunction"), LambdaHarness.JSON.createObjectNode());
        assertThat(runs).extracting(Object::toString).containsExactly(
                "ScheduledEvent[scheduleArn=arn:aws:scheduler:us-east-1:123456789012:schedule/default/shop-prod-nightly, "
                        + "scheduledTime=2030-01-01T02:00:00Z, executionId=e-1, attemptNumber=2]", "tick");
        Object fails = LambdaHarness.newHandler(loader, "com.example.javeze.FailsFunction");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LambdaHarness.invoke(fails, payload))
                .hasRootCauseInstanceOf(java.io.IOException.class).hasRootCauseMessage("disk full");
    }

    @Test
    void manifestRecordsTheSchedule() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project), "com.example.Jobs", JOBS);
        FunctionSpec nightly = ManifestStore.read(project).function("nightly");
        assertThat(nightly.kind()).isEqualTo(FunctionKind.SCHEDULE);
        assertThat(nightly.schedule()).isEqualTo(new ScheduleSpec("cron(0 3 * * ? *)", "Europe/Paris"));
        assertThat(ManifestStore.read(project).function("tick").schedule()).isEqualTo(new ScheduleSpec("rate(5 minutes)", null));
        assertThat(ManifestStore.read(project).function("fails").handler()).isEqualTo("com.example.javeze.FailsFunction::handleRequest");
    }

    @Test
    void functionsTableNamingNoFunctionIsAnErrorWithItsLine() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), """
                service_name = "shop"

                [functions.nightly]
                environment = { REPORT_BUCKET = "reports" }

                [functions.nightlly]
                environment = { X = "y" }
                """);
        Compilation compilation = TestCompiler.compile(List.of("-Ajaveze.projectDir=" + project), "com.example.Jobs", JOBS);
        assertThat(TestCompiler.errors(compilation)).containsExactly("-1: " + project.resolve("javeze.toml")
                + ":6: [functions.nightlly] names no function of the app; its functions are [fails, nightly, tick]");
        assertThat(Files.exists(ManifestStore.path(project))).isFalse();
    }
}
