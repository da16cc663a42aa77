package io.javeze.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.openapi.OpenApiDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document of a pet shop compiled by the processor: valid against the official OpenAPI 3.1 schema (the
 * networknt validator, the schema file from spec.openapis.org), every component schema valid JSON Schema 2020-12, and
 * the paths, parameters, bodies, responses and security schemes the routes declare.
 */
class OpenApiDocumentTest {
    static final String SHOP = """
            package com.example.shop;

            import io.javeze.*;
            import java.time.Instant;
            import java.util.*;

            public class Shop {
                public enum Species { CAT, DOG }
                public record Owner(long id, String name, Optional<String> email) {}
                public record Pet(String name, Species species, Owner owner, List<String> tags, Set<Species> friends,
                                  Map<String, Integer> scores, Instant born, int age, Pet parent) {}
                public record NewPet(String name, Species species, Owner owner) {}

                @Route(method = "GET", path = "/pets")
                public static List<Pet> list(@Query(defaultValue = "20") int limit, @Query(required = false) List<String> tag,
                                             @Query(defaultValue = "cat") Species species, @Header(value = "X-Trace", required = false) String trace) {
                    return List.of();
                }

                @Route(method = "GET", path = "/pets/{id}")
                public static Optional<Pet> get(UUID id) { return Optional.empty(); }

                @Route(method = "POST", path = "/pets", auth = true)
                public static Response create(NewPet pet) { return Response.status(201).json(pet); }

                @Route(method = "DELETE", path = "/pets/{id}", auth = true)
                public static void delete(UUID id) { }

                @Route(method = "GET", path = "/files/{path+}")
                public static byte[] file(String path) { return new byte[0]; }

                @Route(method = "ANY", path = "/echo")
                public static String echo(@Body(required = false) String text) { return text; }

                @Auth(identitySources = {"$request.header.Authorization", "$request.querystring.tenant"})
                public static AuthResult token(AuthRequest request) { return AuthResult.deny(); }
            }
            """;

    static JsonNode document;

    @BeforeAll
    static void generate(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project), "com.example.shop.Shop", SHOP);
        document = OpenApiDocument.of(ManifestStore.read(project));
    }

    @Test
    void isValidOpenApi31WithValidJsonSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema oas;
        try (InputStream in = getClass().getResourceAsStream("/openapi/oas-3.1-schema-2022-10-07.json")) {
            oas = registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
        assertThat(oas.validate(document)).as("OpenAPI 3.1 schema errors").isEmpty();

        Schema metaSchema = registry.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<String> problems = new ArrayList<>();
        document.get("components").get("schemas").properties().forEach(entry -> {
            for (Error e : metaSchema.validate(entry.getValue())) problems.add(entry.getKey() + ": " + e);
        });
        assertThat(problems).as("component schemas that are not JSON Schema 2020-12").isEmpty();

        // the validator does reject what is wrong: a parameter "in" a place OpenAPI 3.1 does not have
        JsonNode broken = document.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("paths").get("/pets").get("get").get("parameters").get(0)).put("in", "body");
        assertThat(oas.validate(broken)).isNotEmpty();
    }

    @Test
    void describesPathsParametersAndDefaults() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.get("info").get("title").asText()).isEqualTo("shop");
        JsonNode paths = document.get("paths");
        assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrder("/pets", "/pets/{id}", "/files/{path+}", "/echo");

        JsonNode list = paths.get("/pets").get("get");
        assertThat(list.get("operationId").asText()).isEqualTo("list");
        JsonNode params = list.get("parameters");
        assertThat(params.get(0).toString()).isEqualTo(
                "{\"name\":\"limit\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"integer\",\"format\":\"int32\",\"default\":20}}");
        assertThat(params.get(1).toString()).isEqualTo(
                "{\"name\":\"tag\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}");
        assertThat(params.get(2).get("schema").toString()).isEqualTo("{\"type\":\"string\",\"enum\":[\"CAT\",\"DOG\"],\"default\":\"CAT\"}");
        assertThat(params.get(3).toString()).isEqualTo(
                "{\"name\":\"X-Trace\",\"in\":\"header\",\"required\":false,\"schema\":{\"type\":\"string\"}}");

        JsonNode get = paths.get("/pets/{id}").get("get");
        assertThat(get.get("parameters").get(0).toString()).isEqualTo(
                "{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\",\"format\":\"uuid\"}}");
        assertThat(get.get("responses").get("200").get("content").get("application/json").get("schema").get("$ref").asText())
                .isEqualTo("#/components/schemas/Pet");
        assertThat(get.get("responses").has("404")).isTrue();

        JsonNode file = paths.get("/files/{path+}").get("get");
        assertThat(file.get("parameters").get(0).get("name").asText()).isEqualTo("path+");
        assertThat(file.get("responses").get("200").get("content").has("application/octet-stream")).isTrue();
        assertThat(paths.get("/echo").has("x-amazon-apigateway-any-method")).isTrue();
        assertThat(paths.get("/echo").get("x-amazon-apigateway-any-method").get("requestBody").toString())
                .isEqualTo("{\"required\":false,\"content\":{\"text/plain\":{\"schema\":{\"type\":\"string\"}}}}");
    }

    @Test
    void describesRecordsNestedListsEnumsAndOptionalFields() {
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.fieldNames()).toIterable().containsExactlyInAnyOrder("Pet", "Owner", "NewPet", "ErrorMessage");
        JsonNode pet = schemas.get("Pet");
        assertThat(pet.get("properties").fieldNames()).toIterable()
                .containsExactly("name", "species", "owner", "tags", "friends", "scores", "born", "age", "parent");
        assertThat(pet.get("required").toString()).isEqualTo("[\"age\"]");
        assertThat(pet.get("properties").get("owner").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Owner\"}");
        assertThat(pet.get("properties").get("parent").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Pet\"}");
        assertThat(pet.get("properties").get("tags").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        assertThat(pet.get("properties").get("friends").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"CAT\",\"DOG\"]},\"uniqueItems\":true}");
        assertThat(pet.get("properties").get("scores").toString())
                .isEqualTo("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}");
        assertThat(pet.get("properties").get("born").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schemas.get("Owner").get("properties").get("email").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(schemas.get("Owner").get("required").toString()).isEqualTo("[\"id\"]");

        JsonNode create = document.get("paths").get("/pets").get("post");
        assertThat(create.get("requestBody").toString()).isEqualTo(
                "{\"required\":true,\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/NewPet\"}}}}");
        assertThat(create.get("responses").has("default")).as("io.javeze.Response: the method decides").isTrue();
        assertThat(document.get("paths").get("/pets/{id}").get("delete").get("responses").has("204")).isTrue();
    }

    @Test
    void securitySchemesFollowTheAuthorizersIdentitySources() {
        JsonNode schemes = document.get("components").get("securitySchemes");
        assertThat(schemes.get("token").get("type").asText()).isEqualTo("http");
        assertThat(schemes.get("token").get("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.get("token-2").toString()).startsWith("{\"type\":\"apiKey\",\"name\":\"tenant\",\"in\":\"query\"");
        JsonNode create = document.get("paths").get("/pets").get("post");
        assertThat(create.get("security").toString()).isEqualTo("[{\"token\":[],\"token-2\":[]}]");
        assertThat(create.get("responses").has("401")).isTrue();
        assertThat(create.get("responses").has("403")).isTrue();
        assertThat(document.get("paths").get("/pets").get("get").has("security")).isFalse();
    }

    @Test
    void openapiTrueServesTheDocumentFromAGeneratedRoute(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n[http]\nopenapi = true\n");
        var compilation = TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project), "com.example.shop.Shop", SHOP);
        assertThat(compilation.warnings()).as("no last-round warnings").isEmpty();
        var manifest = ManifestStore.read(project);
        assertThat(manifest.function("openapi").handler()).isEqualTo("javeze.openapi.OpenApiFunction::handleRequest");
        assertThat(manifest.routes()).extracting(r -> r.routeKey()).contains("GET /openapi.json");

        Object handler = LambdaHarness.newHandler(TestCompiler.classLoader(compilation), "javeze.openapi.OpenApiFunction");
        var event = LambdaHarness.sample("http-api-v2.json").put("routeKey", "GET /openapi.json");
        JsonNode response = LambdaHarness.invoke(handler, event);
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        JsonNode served = LambdaHarness.JSON.readTree(response.get("body").asText());
        assertThat(served).isEqualTo(LambdaHarness.JSON.readTree(OpenApiDocument.toJson(OpenApiDocument.of(manifest))));
        assertThat(served.get("paths").get("/openapi.json").get("get").get("operationId").asText()).isEqualTo("openapi");
        assertThat(served.get("paths").has("/pets/{id}")).isTrue();

        Files.writeString(project.resolve("javeze.toml"), "service_name = \"shop\"\n");
        TestCompiler.compileOk(List.of("-Ajaveze.projectDir=" + project), "com.example.shop.Shop", SHOP);
        assertThat(ManifestStore.read(project).functions()).extracting(f -> f.name()).doesNotContain("openapi");
    }
}
