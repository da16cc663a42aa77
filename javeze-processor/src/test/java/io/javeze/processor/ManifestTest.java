package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.charset.StandardCharsets;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    static final String USERS = """
            package com.example;

            import io.javeze.*;
            import java.util.Optional;

            public class Users {
                public record User(String name, int age) {}

                @Route(method = "GET", path = "/users/{id}", auth = true, memorySize = 1024)
                public static Optional<User> getUser(long id, @Query(value = "fields", defaultValue = "all") String fields,
                                                     @AuthContext("user") String caller) { return Optional.empty(); }

                @Route(method = "post", path = "/users", name = "create-user", timeout = 10, snapStart = SnapStart.ON)
                @Publisher(topic = "user-events")
                @Publisher(topic = "audit")
                public static User create(User user, Request request) { return user; }

                @Auth(identitySources = "$request.header.Authorization", resultTtlSeconds = 60, snapStart = SnapStart.OFF)
                public static AuthResult token(AuthRequest request) { return AuthResult.deny(); }
            }
            """;

    static final String EVENTS = """
            package com.example.events;

            import io.javeze.*;

            public class Events {
                public record UserEvent(String user) {}

                @Subscriber(topic = "user-events", batchSize = 25, maxReceiveCount = 4)
                public void onUserEvent(UserEvent event) { }
            }
            """;

    @TempDir
    Path project;

    @Test
    void manifestDescribesFunctionsRoutesAuthorizersAndTopics() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        compile();
        JsonNode m = LambdaHarness.JSON.readTree(ManifestStore.path(project).toFile());

        assertThat(m.get("version").asInt()).isEqualTo(1);
        assertThat(m.get("service").asText()).isEqualTo("shop");
        assertThat(m.get("functions")).extracting(f -> f.get("name").asText())
                .containsExactly("create-user", "get-user", "on-user-event", "token");

        JsonNode getUser = m.get("functions").get(1);
        assertThat(getUser.get("lambdaName").asText()).isEqualTo("shop-get-user");
        assertThat(getUser.get("kind").asText()).isEqualTo("ROUTE");
        assertThat(getUser.get("handler").asText()).isEqualTo("com.example.javeze.GetUserFunction::handleRequest");
        assertThat(getUser.get("source").asText()).isEqualTo("com.example.Users#getUser");
        assertThat(getUser.get("memorySize").asInt()).isEqualTo(1024);
        assertThat(getUser.has("timeout")).isFalse();
        assertThat(getUser.has("snapStart")).isFalse(); // follows javeze.toml
        assertThat(m.get("functions").get(0).get("snapStart").asBoolean()).isTrue();
        assertThat(m.get("functions").get(3).get("snapStart").isBoolean()).isTrue();
        assertThat(m.get("functions").get(3).get("snapStart").asBoolean()).isFalse();

        JsonNode create = m.get("functions").get(0);
        assertThat(create.get("timeout").asInt()).isEqualTo(10);
        assertThat(create.get("publishes")).extracting(JsonNode::asText).containsExactly("audit", "user-events");
        assertThat(m.get("functions").get(2).get("handler").asText())
                .isEqualTo("com.example.events.javeze.OnUserEventFunction::handleRequest");

        JsonNode routes = m.get("routes");
        assertThat(routes).extracting(r -> r.get("routeKey").asText()).containsExactly("POST /users", "GET /users/{id}");
        JsonNode get = routes.get(1);
        assertThat(get.get("function").asText()).isEqualTo("get-user");
        assertThat(get.get("authorizer").asText()).isEqualTo("token");
        assertThat(get.get("returns").asText()).isEqualTo("java.util.Optional<com.example.Users.User>");
        assertThat(get.get("parameters").toString()).isEqualTo(LambdaHarness.JSON.readTree("""
                [{"name":"id","source":"PATH","type":"long","required":true,"schema":{"type":"integer","format":"int64"}},
                 {"name":"fields","source":"QUERY","type":"java.lang.String","required":false,"defaultValue":"all","schema":{"type":"string"}},
                 {"name":"user","source":"AUTH_CONTEXT","type":"java.lang.String","required":true,"schema":{"type":"string"}}]
                """).toString());
        assertThat(get.get("response").toString()).isEqualTo(
                "{\"contentType\":\"application/json\",\"schema\":{\"$ref\":\"#/components/schemas/com.example.Users.User\"},"
                        + "\"optional\":true,\"custom\":false}");
        assertThat(m.get("schemas").get("com.example.Users.User").toString()).isEqualTo(
                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\",\"format\":\"int32\"}},"
                        + "\"required\":[\"age\"]}");
        assertThat(m.get("schemas").has("com.example.events.Events.UserEvent")).as("subscriber messages are not HTTP schemas").isFalse();
        assertThat(routes.get(0).has("authorizer")).isFalse();
        assertThat(routes.get(0).get("parameters")).extracting(p -> p.get("source").asText()).containsExactly("BODY", "REQUEST");

        assertThat(m.get("authorizers").toString()).isEqualTo(LambdaHarness.JSON.readTree("""
                [{"name":"token","function":"token","identitySources":["$request.header.Authorization"],"resultTtlSeconds":60}]
                """).toString());
        assertThat(m.get("topics").toString()).isEqualTo(LambdaHarness.JSON.readTree("""
                [{"name":"audit","subscribers":[],"publishers":["create-user"]},
                 {"name":"user-events","subscribers":[{"function":"on-user-event","messageType":"com.example.events.Events.UserEvent",
                   "batchSize":25,"maxReceiveCount":4}],"publishers":["create-user"]}]
                """).toString());
        assertThat(m.has("deployed")).isFalse();
    }

    @Test
    void rewritingKeepsDeployedAndSameSourcesGiveIdenticalOutput() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        Compilation first = compile();
        Path manifest = ManifestStore.path(project);
        String written = Files.readString(manifest);
        String deployed = written.substring(0, written.lastIndexOf('}')).stripTrailing()
                + ",\n  \"deployed\" : {\"apiUrl\": \"http://127.0.0.1:4566/_api/abc/prod\", \"functions\": {\"token\": {\"arn\": \"arn:x\"}}}\n}\n";
        Files.writeString(manifest, deployed);

        Compilation second = compile();
        JsonNode rewritten = LambdaHarness.JSON.readTree(manifest.toFile());
        assertThat(rewritten.get("deployed")).isEqualTo(LambdaHarness.JSON.readTree(
                "{\"apiUrl\": \"http://127.0.0.1:4566/_api/abc/prod\", \"functions\": {\"token\": {\"arn\": \"arn:x\"}}}"));
        assertThat(Files.readString(manifest)).isEqualTo(ManifestStore.toJson(ManifestStore.read(project)));

        assertThat(sources(second)).isEqualTo(sources(first));
        String again = Files.readString(manifest);
        compile();
        assertThat(Files.readString(manifest)).isEqualTo(again);
        try (var files = Files.list(manifest.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("manifest.json");
        }
    }

    @Test
    void findsJavezeTomlAboveTheClassOutputLikeAMavenBuild() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        Path source = project.resolve("src/main/java/com/example/Users.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, USERS);
        Path classes = Files.createDirectories(project.resolve("target/classes"));
        Path generated = Files.createDirectories(project.resolve("target/generated-sources/annotations"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-s", generated.toString(), "-classpath", System.getProperty("java.class.path")),
                    null, files.getJavaFileObjects(source));
            task.setProcessors(List.of(new JavezeProcessor()));
            assertThat(task.call()).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
        assertThat(classes.resolve("com/example/javeze/GetUserFunction.class")).exists();
        assertThat(generated.resolve("com/example/javeze/GetUserFunction.java")).exists();
        assertThat(ManifestStore.read(project).function("get-user").handler())
                .isEqualTo("com.example.javeze.GetUserFunction::handleRequest");
    }

    @Test
    void configErrorIsACompileErrorNamingFileAndLine() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n\n[lambda]\nmemory_size = \"big\"\n");
        Compilation compilation = TestCompiler.compile(List.of("-Ajaveze.projectDir=" + project), "com.example.Users", USERS);
        assertThat(TestCompiler.errors(compilation)).containsExactly("-1: " + project.resolve("javeze.toml")
                + ":4: [lambda] memory_size must be an integer between 128 and 10240, got a string");
        assertThat(Files.exists(ManifestStore.path(project))).isFalse();
    }

    @Test
    void withoutJavezeTomlHandlersAreGeneratedButNoManifest() {
        Compilation compilation = TestCompiler.compileOk(List.of(), "com.example.Users", USERS);
        assertThat(compilation.generatedSourceFile("com.example.javeze.GetUserFunction")).isPresent();
        assertThat(compilation.notes()).extracting(d -> d.getMessage(null))
                .anyMatch(n -> n.contains("no javeze.toml") && n.contains("wrote no manifest"));
    }

    @Test
    void compileErrorsLeaveTheManifestUntouched() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        compile();
        String before = Files.readString(ManifestStore.path(project));
        Compilation broken = TestCompiler.compile(List.of("-Ajaveze.projectDir=" + project), "com.example.Users",
                USERS.replace("path = \"/users\"", "path = \"/users/{missing}\""));
        assertThat(broken.errors()).isNotEmpty();
        assertThat(Files.readString(ManifestStore.path(project))).isEqualTo(before);
    }

    private Compilation compile() {
        return TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project),
                "com.example.Users", USERS, "com.example.events.Events", EVENTS);
    }

    private static List<String> sources(Compilation compilation) {
        return compilation.generatedSourceFiles().stream()
                .sorted(java.util.Comparator.comparing(JavaFileObject::getName))
                .map(f -> {
                    try {
                        return f.getName() + "\n" + f.getCharContent(true);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
    }
}
