package io.javeze.cli.newproject;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code javeze new} then {@code javeze deploy --local} run from a subdirectory of the new project (javeze.toml is
 * found in a parent), the printed URL answering over HTTP, then {@code javeze invoke} of the deployed stage alias
 * with {@code --http} and {@code --payload}. One template runs end to end; the others are compiled by the processor.
 */
class NewProjectOnLocalCloudTest {

    @Test
    void aNewProjectDeploysStraightAwayAndInvokeReachesItsRoute(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("demo");
        CliRun created = CliRun.of("new", "demo", "--directory", project.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created demo (template hello, package com.example.demo) in " + project);
        String subdirectory = project.resolve("src/main/java").toString();

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")))) {
            String[] target = {"--project", subdirectory, "--local", "--endpoint-url", cloud.endpoint().toString()};
            CliRun deploy = CliRun.of(concat(new String[] {"deploy"}, target));
            assertThat(deploy.exitCode()).as(deploy.err()).isZero();
            String url = deploy.out().lines().filter(l -> l.contains("GET /hello/{word} -> ")).findFirst().orElseThrow()
                    .split(" -> ")[1].replace("{word}", "world");
            assertThat(Examples.get(url, cloud.endpoint(), Map.of())).isEqualTo("200 Hello, world!");

            CliRun http = CliRun.of(concat(new String[] {"invoke", "hello", "--http", "GET /hello/javeze?lang=en", "--header", "X-Trace: t1"}, target));
            assertThat(http.exitCode()).as(http.err()).isZero();
            JsonNode response = ManifestStore.json().readTree(http.out());
            assertThat(response.get("statusCode").asInt()).isEqualTo(200);
            assertThat(response.get("body").asText()).isEqualTo("Hello, javeze!");
            assertThat(http.err()).as("the decoded log tail of the stage's version").contains("START RequestId: ", "Version: 1", "REPORT RequestId: ");

            CliRun payload = CliRun.of(concat(new String[] {"invoke", "demo-hello", "-o", "json", "--payload",
                "{\"version\":\"2.0\",\"rawPath\":\"/hello/x\",\"pathParameters\":{\"word\":\"direct\"}}"}, target));
            assertThat(payload.exitCode()).as(payload.err()).isZero();
            JsonNode report = ManifestStore.json().readTree(payload.out());
            assertThat(report.get("executedVersion").asText()).isEqualTo("1");
            assertThat(report.get("payload").get("body").asText()).isEqualTo("Hello, direct!");
            assertThat(report.get("log").asText()).contains("REPORT RequestId: ");

            CliRun otherStage = CliRun.of(concat(new String[] {"invoke", "hello", "--stage", "dev"}, target));
            assertThat(otherStage.exitCode()).isEqualTo(1);
            assertThat(otherStage.err()).startsWith("error: function hello (demo-hello) is not deployed to stage dev there: ")
                    .endsWith("; run `javeze deploy --stage dev` first" + System.lineSeparator());
        }
    }

    @ParameterizedTest
    @CsvSource({"auth, 'bearer, open, secret', 'GET /private, GET /public'", "topic, 'create, on-user-event', POST /users"})
    void theOtherTemplatesCompileWithTheProcessor(String template, String functions, String routes, @TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("app");
        CliRun created = CliRun.of("new", "my-" + template, "--template", template, "--directory", project.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();

        CliRun codegen = CliRun.of("codegen", "--project", project.toString(), "--output", "json");

        assertThat(codegen.exitCode()).as(codegen.err()).isZero();
        JsonNode manifest = ManifestStore.json().readTree(codegen.out());
        assertThat(manifest.get("service").asText()).isEqualTo("my-" + template);
        assertThat(manifest.get("functions")).extracting(JsonNode::asText).containsExactlyInAnyOrder(functions.split(", "));
        assertThat(manifest.get("routes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(routes.split(", "));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
