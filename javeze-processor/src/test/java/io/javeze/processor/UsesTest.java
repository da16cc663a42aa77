package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsesTest {
    private static final String TOML = """
            service_name = "shop"
            [resources]
            orders = { type = "dynamodb", name = "orders" }
            uploads = { type = "s3", name = "shop-uploads" }
            """;

    private static final String ORDERS = """
            package com.example;

            import io.javeze.*;

            @Uses("orders")
            public class Orders {
                @Route(method = "GET", path = "/orders")
                public static String list() { return "[]"; }

                @Uses({"uploads", "orders"})
                @Route(method = "POST", path = "/orders/{id}/receipt")
                public static String receipt(String id) { return id; }
            }
            """;

    private static final String PLAIN = """
            package com.example;

            import io.javeze.*;

            public class Plain {
                @Route(method = "GET", path = "/ping")
                public static String ping() { return "pong"; }
            }
            """;

    @TempDir
    Path project;

    @Test
    void usesOnTheClassAndTheMethodReachTheManifestSorted() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), TOML);
        TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project), "com.example.Orders", ORDERS, "com.example.Plain", PLAIN);

        Manifest m = ManifestStore.read(project);
        assertThat(m.function("list").uses()).containsExactly("orders");
        assertThat(m.function("receipt").uses()).containsExactly("orders", "uploads");
        assertThat(m.function("ping").uses()).isEmpty();
        assertThat(Files.readString(ManifestStore.path(project)).split("\"uses\"", -1)).hasSize(3); // ping has none
    }

    @Test
    void anUndeclaredResourceIsAnErrorAtTheAnnotation() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), TOML);
        Compilation compilation = TestCompiler.compile(List.of("-Ajaveze.projectDir=" + project), "com.example.Orders",
                ORDERS.replace("@Uses({\"uploads\", \"orders\"})", "@Uses({\"uploads\", \"ordres\"})"));

        assertThat(TestCompiler.errors(compilation)).containsExactly(
                "10: @Uses names resource \"ordres\", which javeze.toml's [resources] does not declare (it declares [orders, uploads])");
        assertThat(Files.exists(ManifestStore.path(project))).isFalse();
    }

    @Test
    void withoutResourcesTheErrorShowsHowToDeclareOne() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        Compilation compilation = TestCompiler.compile(List.of("-Ajaveze.projectDir=" + project), "com.example.Orders", ORDERS);

        assertThat(TestCompiler.errors(compilation)).first().asString()
                .startsWith("5: @Uses names resource \"orders\"").contains("it declares none; add e.g. orders = { type = \"dynamodb\"");
    }
}
