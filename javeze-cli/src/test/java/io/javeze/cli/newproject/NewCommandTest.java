package io.javeze.cli.newproject;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.cli.CliRun;
import io.javeze.config.JavezeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code javeze new} writes, and what it refuses without writing anything. */
class NewCommandTest {

    @Test
    void writesAProjectOnTheToolsOwnVersionWithAHandlerAndItsTest(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("orders");
        CliRun run = CliRun.of("new", "order-service", "--template", "topic", "--directory", project.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JavezeConfig.load(project).serviceName()).isEqualTo("order-service");
        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>order-service</artifactId>", "<javeze.version>0.1.0-SNAPSHOT</javeze.version>",
                "<artifactId>javeze-processor</artifactId>", "<artifactId>http-auth-aws</artifactId>", "<version>2.41.18</version>")
                .doesNotContain("<artifactId>sns</artifactId>")
                .doesNotContain("{{");
        assertThat(Files.readString(project.resolve("src/main/java/com/example/orderservice/UserEvents.java")))
                .startsWith("package com.example.orderservice;").contains("@Subscriber(topic = TOPIC)");
        assertThat(project.resolve("src/test/java/com/example/orderservice/UserEventsTest.java")).exists();
        assertThat(project.resolve(".gitignore")).hasContent("target/\n.javeze/packages/");
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings).as("no staging directory left behind").containsExactly(project);
        }
    }

    @Test
    void aJavaKeywordNameStillGivesAValidPackage() {
        assertThat(NewCommand.javaPackage("new")).isEqualTo("com.example.new_");
        assertThat(NewCommand.javaPackage("My-App2")).isEqualTo("com.example.myapp2");
    }

    @Test
    void refusesANonEmptyDirectoryAndABadNameWithOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");

        CliRun nonEmpty = CliRun.of("new", "app", "--directory", taken.toString());
        assertThat(nonEmpty.exitCode()).isEqualTo(1);
        assertThat(nonEmpty.err()).isEqualTo("error: --directory " + taken + " is not empty; javeze new creates a project only in a new "
                + "or empty directory" + System.lineSeparator());
        try (Stream<Path> files = Files.list(taken)) {
            assertThat(files).containsExactly(taken.resolve("notes.txt"));
        }

        CliRun badName = CliRun.of("new", "my_app", "--directory", tmp.resolve("x").toString());
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).isEqualTo("error: NAME must start with a letter and use only letters, digits and '-' (at most 40), "
                + "got \"my_app\"" + System.lineSeparator());
        assertThat(tmp.resolve("x")).doesNotExist();

        CliRun badTemplate = CliRun.of("new", "app", "--template", "spring", "--directory", tmp.resolve("y").toString());
        assertThat(badTemplate.exitCode()).isEqualTo(2);
        assertThat(badTemplate.err()).contains("expected one of [hello, auth, topic]");
        assertThat(tmp.resolve("y")).doesNotExist();
    }

    @Test
    void anEmptyDirectoryIsFilled(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun run = CliRun.of("new", "app", "--directory", empty.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(empty.resolve("src/main/java/com/example/app/Hello.java")).exists();
    }
}
