package io.javeze.cli.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javeze.cli.CliRun;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.manifest.ParameterSpec;
import io.javeze.config.manifest.ResponseSpec;
import io.javeze.config.manifest.RouteSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code javeze openapi}: the document of the project's manifest on standard output or, atomically, in a file. */
class OpenApiCommandTest {
    @TempDir
    Path project;

    @Test
    void writesTheDocumentToTheOutputFileOrStandardOutput() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"books\"\n");
        var nodes = JsonNodeFactory.instance;
        var book = nodes.objectNode().put("type", "object");
        book.putObject("properties").putObject("title").put("type", "string");
        ManifestStore.write(project, new Manifest(Manifest.CURRENT_VERSION, "books",
                List.of(new FunctionSpec("get-book", "books-get-book", FunctionKind.ROUTE, "b.javeze.GetBookFunction::handleRequest",
                        "b.Books#getBook", null, null, List.of())),
                List.of(new RouteSpec("GET", "/books/{id}", "GET /books/{id}", "get-book", null,
                        List.of(new ParameterSpec("id", ParameterSpec.Source.PATH, "long", true, null,
                                nodes.objectNode().put("type", "integer").put("format", "int64"))),
                        "b.Books.Book", new ResponseSpec("application/json", nodes.objectNode().put("$ref", "#/components/schemas/b.Books.Book"),
                                false, false))),
                List.of(), List.of(), Map.of("b.Books.Book", book), null));

        Path out = project.resolve("docs/openapi.json");
        CliRun written = CliRun.of("openapi", "--project", project.toString(), "--output", out.toString());
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.out()).contains("wrote " + out, "OpenAPI 3.1.0, 1 routes");
        JsonNode doc = ManifestStore.json().readTree(out.toFile());
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.get("info").get("title").asText()).isEqualTo("books");
        JsonNode get = doc.get("paths").get("/books/{id}").get("get");
        assertThat(get.get("parameters").get(0).get("schema").get("format").asText()).isEqualTo("int64");
        assertThat(get.get("responses").get("200").get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/Book");
        assertThat(doc.get("components").get("schemas").get("Book").get("properties").has("title")).isTrue();

        CliRun printed = CliRun.of("openapi", "--project", project.toString());
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(ManifestStore.json().readTree(printed.out())).isEqualTo(doc);
    }

    @Test
    void withoutAManifestItIsAOneLineError() throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"books\"\n");
        CliRun run = CliRun.of("openapi", "--project", project.toString(), "--output", project.resolve("o.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: ").contains("no manifest; run `javeze codegen`").hasLineCount(1);
        assertThat(project.resolve("o.json")).doesNotExist();
    }
}
