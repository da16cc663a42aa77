package io.javeze.local.apigw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.daemon.Inventory;
import io.javeze.local.gateway.HttpApiView;
import io.javeze.local.http.Json;
import io.javeze.local.protocol.ServiceModel;
import io.javeze.local.store.StateStore;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider over its store: quick create, restart, migration of the document the service kept before. */
class ApiGatewayServiceTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:4566");
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:quick";

    @TempDir
    Path dir;

    private static ObjectNode call(ApiGatewayService service, String operation, ObjectNode input) {
        return service.call(ServiceModel.of("apigateway").operation(operation), input, null);
    }

    @Test
    void quickCreateMakesManagedIntegrationRouteAndAnAutoDeployedDefaultStage() {
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            String apiId = call(service, "CreateApi", Json.object().put("Name", "q").put("ProtocolType", "HTTP")
                    .put("Target", FUNCTION)).get("ApiId").asText();
            ObjectNode in = Json.object().put("ApiId", apiId);
            JsonNode integration = call(service, "GetIntegrations", in).get("Items").get(0);
            assertEquals("AWS_PROXY", integration.get("IntegrationType").asText());
            assertEquals("POST", integration.get("IntegrationMethod").asText());
            assertTrue(integration.get("ApiGatewayManaged").asBoolean());
            JsonNode route = call(service, "GetRoutes", in).get("Items").get(0);
            assertEquals("integrations/" + integration.get("IntegrationId").asText(), route.get("Target").asText());
            JsonNode stage = call(service, "GetStages", in).get("Items").get(0);
            assertEquals("$default", stage.get("StageName").asText());
            assertTrue(stage.get("AutoDeploy").asBoolean());
            JsonNode deployment = call(service, "GetDeployments", in).get("Items").get(0);
            assertEquals(stage.get("DeploymentId").asText(), deployment.get("DeploymentId").asText());
            assertTrue(deployment.get("AutoDeployed").asBoolean());

            HttpApiView view = service.api(apiId).orElseThrow();
            assertEquals(FUNCTION, view.integrations().get(integration.get("IntegrationId").asText()).integrationUri());
            assertTrue(view.stages().contains("$default"));
        }
    }

    @Test
    void aChangeToOneApiDoesNotWaitForAChangeToAnother() throws Exception {
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayStore apis = new ApiGatewayStore(store, "us-east-1");
            for (String id : new String[] {"a", "b"}) {
                apis.create(HttpApiResources.createApi(Json.object().put("Name", id).put("ProtocolType", "HTTP"), id, "http://x", () -> "i"));
            }
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var slow = pool.submit(() -> apis.update("a", api -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return api;
                }));
                inside.await();
                var other = pool.submit(() -> apis.update("b", api -> api.withApi(HttpApiResources.withTags(api.api(),
                        java.util.Map.of("k", "v")))));
                assertEquals("v", other.get(30, java.util.concurrent.TimeUnit.SECONDS).api().tags().get("k"),
                        "API b changed while API a's change was still running");
                assertFalse(slow.isDone());
                release.countDown();
                slow.get();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anIntegrationCreatedWithoutAMethodReportsPostForAwsProxy() {
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            String apiId = call(service, "CreateApi", Json.object().put("Name", "a").put("ProtocolType", "HTTP")).get("ApiId").asText();
            JsonNode created = call(service, "CreateIntegration", Json.object().put("ApiId", apiId)
                    .put("IntegrationType", "AWS_PROXY").put("IntegrationUri", FUNCTION).put("PayloadFormatVersion", "2.0"));
            assertEquals("POST", created.get("IntegrationMethod").asText());
            assertEquals(30000, created.get("TimeoutInMillis").asInt());
        }
    }

    @Test
    void aDeploymentCreatedForAStageIsThatStagesDeployment() {
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            String apiId = call(service, "CreateApi", Json.object().put("Name", "d").put("ProtocolType", "HTTP")).get("ApiId").asText();
            call(service, "CreateStage", Json.object().put("ApiId", apiId).put("StageName", "prod"));
            String deploymentId = call(service, "CreateDeployment", Json.object().put("ApiId", apiId).put("StageName", "prod"))
                    .get("DeploymentId").asText();
            assertEquals(deploymentId, call(service, "GetStage", Json.object().put("ApiId", apiId).put("StageName", "prod"))
                    .get("DeploymentId").asText());
            io.javeze.local.http.AwsException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    io.javeze.local.http.AwsException.class, () -> call(service, "CreateDeployment",
                            Json.object().put("ApiId", apiId).put("StageName", "nope")));
            assertEquals("NotFoundException", missing.code());
            assertEquals(1, call(service, "GetDeployments", Json.object().put("ApiId", apiId)).get("Items").size(),
                    "a failed deployment leaves nothing behind");
        }
    }

    @Test
    void apisSurviveARestartAndTheInventoryListsThem() {
        String apiId;
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            apiId = call(service, "CreateApi", Json.object().put("Name", "kept").put("ProtocolType", "HTTP")
                    .put("Target", FUNCTION)).get("ApiId").asText();
            call(service, "UpdateApi", Json.object().put("ApiId", apiId).put("Description", "after"));
            store.awaitDurable();
        }
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            JsonNode api = call(service, "GetApi", Json.object().put("ApiId", apiId));
            assertEquals("kept", api.get("Name").asText());
            assertEquals("after", api.get("Description").asText());
            assertTrue(service.api(apiId).isPresent());
        }
        Inventory inventory = Inventory.read(dir);
        assertEquals(1, inventory.apis().size());
        assertEquals("kept", inventory.apis().get(0).name());
        assertEquals(1, inventory.apis().get(0).routes());
    }

    @Test
    void theDocumentAnOlderCloudWroteIsMigrated() {
        try (StateStore store = new StateStore(dir)) {
            ObjectNode doc = Json.object();
            ObjectNode api = doc.putObject("apis").putObject("old1");
            api.put("apiId", "old1").put("name", "legacy").put("protocolType", "HTTP").put("createdDate", "2025-01-01T00:00:00.000Z");
            api.putObject("corsConfiguration").putArray("allowOrigins").add("https://a.example");
            api.putObject("integrations").putObject("i1").put("integrationId", "i1").put("integrationType", "AWS_PROXY")
                    .put("integrationUri", FUNCTION).put("payloadFormatVersion", "2.0");
            api.putObject("routes").putObject("r1").put("routeId", "r1").put("routeKey", "GET /x").put("target", "integrations/i1");
            api.putObject("stages").putObject("prod").put("stageName", "prod").put("createdDate", "2025-01-01T00:00:00.000Z");
            api.putObject("authorizers");
            api.putObject("deployments");
            api.putObject("tags").put("team", "a");
            store.save("apigateway", doc);
            store.awaitDurable();
        }
        try (StateStore store = new StateStore(dir)) {
            ApiGatewayService service = new ApiGatewayService(store, "us-east-1", ENDPOINT);
            JsonNode api = call(service, "GetApi", Json.object().put("ApiId", "old1"));
            assertEquals("legacy", api.get("Name").asText());
            assertEquals(1_735_689_600L, api.get("CreatedDate").asLong());
            assertEquals("https://a.example", api.get("CorsConfiguration").get("AllowOrigins").get(0).asText());
            assertEquals("a", api.get("Tags").get("team").asText());
            HttpApiView view = service.api("old1").orElseThrow();
            assertEquals("GET /x", view.routes().get(0).routeKey());
            assertEquals(FUNCTION, view.integrations().get("i1").integrationUri());
            assertFalse(store.load("apigateway").has("apis"), "the old document is gone once migrated");
            store.awaitDurable();
        }
        assertEquals(1, Inventory.read(dir).apis().size());
    }
}
