package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.config.HttpCors;
import io.javeze.config.manifest.Manifest;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.state.ActualApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifferTest {
    @TempDir
    Path dir;

    private DesiredApp sample() throws Exception {
        return SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of());
    }

    private static List<String> kinds(Plan plan) {
        return plan.actions().stream().map(a -> a.getClass().getSimpleName()).sorted().toList();
    }

    @Test
    void coldDeployCreatesEverythingInDependencyOrder() throws Exception {
        DesiredApp desired = sample();
        Plan plan = Differ.plan(desired, ActualApp.empty());

        // roles: one shared by the four functions with only logging, one for the publisher, one for the subscriber
        assertThat(plan.actions(Action.CreateRole.class)).hasSize(3);
        assertThat(plan.actions(Action.CreateFunction.class)).extracting(a -> a.function().name())
                .containsExactlyInAnyOrder("hello", "secret", "create-order", "auth", "on-order");
        assertThat(plan.actions(Action.CreateApi.class)).hasSize(1);
        assertThat(plan.actions(Action.CreateIntegration.class)).extracting(Action.CreateIntegration::function)
                .containsExactlyInAnyOrder("hello", "secret", "create-order");
        assertThat(plan.actions(Action.CreateAuthorizer.class)).extracting(a -> a.authorizer().name()).containsExactly("auth");
        assertThat(plan.actions(Action.CreateRoute.class)).extracting(a -> a.route().routeKey())
                .containsExactlyInAnyOrder("GET /hello/{word}", "GET /secret", "POST /orders");
        assertThat(plan.actions(Action.CreateStage.class)).extracting(Action.CreateStage::stage).containsExactly("prod");
        // one invoke permission per route and one for the authorizer
        assertThat(plan.actions(Action.AddPermission.class)).hasSize(4).noneMatch(Action.AddPermission::replace);
        assertThat(plan.actions(Action.CreateTopic.class)).hasSize(1);
        assertThat(plan.actions(Action.CreateQueues.class)).hasSize(1);
        assertThat(plan.actions(Action.Subscribe.class)).hasSize(1);
        assertThat(plan.actions(Action.CreateMapping.class)).hasSize(1);
        // CreateFunction publishes each function's first version; the stage's alias goes on it
        assertThat(plan.actions(Action.PublishVersion.class)).isEmpty();
        assertThat(plan.actions(Action.SetAlias.class)).hasSize(5).allMatch(a -> a.create() && a.stage().equals("prod"));
        assertThat(plan.actions()).hasSize(3 + 5 + 1 + 3 + 1 + 3 + 1 + 4 + 4 + 5);
        assertThat(step(plan, "alias:shop-hello").dependsOn()).containsExactly("function:shop-hello");
        assertThat(step(plan, "integration:hello").dependsOn()).contains("alias:shop-hello");
        assertThat(step(plan, "permission:shop-hello:" + io.javeze.deploy.model.StatementIds.route("prod", "GET /hello/{word}"))
                .dependsOn()).contains("alias:shop-hello");

        Step route = step(plan, "route:GET /secret");
        assertThat(route.dependsOn()).contains("api", "integration:secret", "authorizer:auth");
        Step createOrder = step(plan, "function:shop-create-order");
        assertThat(createOrder.dependsOn()).containsExactly("role:" + desired.requireFunction("create-order").roleName());
    }

    @Test
    void leastPrivilegeRolesAndPublisherEnvironment() throws Exception {
        DesiredApp desired = sample();
        var publisher = desired.requireFunction("create-order");
        var subscriber = desired.requireFunction("on-order");
        var plain = desired.requireFunction("hello");
        assertThat(plain.roleName()).isEqualTo(desired.requireFunction("auth").roleName()).isEqualTo(desired.requireFunction("secret").roleName());
        assertThat(publisher.roleName()).isNotEqualTo(plain.roleName()).isNotEqualTo(subscriber.roleName());

        var publisherRole = desired.roles().stream().filter(r -> r.name().equals(publisher.roleName())).findFirst().orElseThrow();
        assertThat(publisherRole.publishTopics()).containsExactly("arn:aws:sns:us-east-1:123456789012:shop-prod-orders");
        assertThat(publisherRole.name()).startsWith("shop-prod-role-");
        assertThat(publisherRole.consumeQueues()).isEmpty();
        assertThat(publisherRole.inlinePolicy()).contains("sns:Publish").doesNotContain("sqs:");
        var subscriberRole = desired.roles().stream().filter(r -> r.name().equals(subscriber.roleName())).findFirst().orElseThrow();
        assertThat(subscriberRole.consumeQueues()).containsExactly("arn:aws:sqs:us-east-1:123456789012:shop-prod-on-order");
        assertThat(subscriberRole.inlinePolicy()).contains("sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility").doesNotContain("sns:");
        var plainRole = desired.roles().stream().filter(r -> r.name().equals(plain.roleName())).findFirst().orElseThrow();
        assertThat(plainRole.inlinePolicy()).isNull();

        assertThat(publisher.environment()).containsEntry("JAVEZE_TOPIC_ORDERS", "arn:aws:sns:us-east-1:123456789012:shop-prod-orders");
        assertThat(plain.environment()).doesNotContainKey("JAVEZE_TOPIC_ORDERS");
        // functions are shared by the stages: the service's tag, no stage's
        assertThat(plain.tags()).containsEntry(OwnershipTags.SERVICE, "shop").doesNotContainKey(OwnershipTags.STAGE)
                .containsEntry("team", "web");
        assertThat(plain.memorySize()).isEqualTo(256);
        var queue = desired.queues().get(0);
        assertThat(queue.policy()).contains("\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:shop-prod-orders\"");
        assertThat(queue.maxReceiveCount()).isEqualTo(3);
        assertThat(queue.visibilityTimeout()).isEqualTo(180);
    }

    @Test
    void nothingChangedMeansAnEmptyPlan() throws Exception {
        DesiredApp desired = sample();
        Plan plan = Differ.plan(desired, SampleApp.deployed(desired));
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void changedCodeOfOneFunctionUpdatesOnlyThatCode() throws Exception {
        DesiredApp before = sample();
        DesiredApp after = SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of("hello", "v2"));
        Plan plan = Differ.plan(after, SampleApp.deployed(before));
        assertThat(kinds(plan)).containsExactly("PublishVersion", "SetAlias", "UpdateFunctionCode");
        assertThat(plan.actions(Action.UpdateFunctionCode.class)).extracting(a -> a.function().lambdaName()).containsExactly("shop-hello");
        assertThat(plan.actions(Action.SetAlias.class)).singleElement()
                .satisfies(a -> assertThat(a).isEqualTo(new Action.SetAlias("shop-hello", "prod", null, false)));
        assertThat(step(plan, "version:shop-hello").dependsOn()).contains("function-code:shop-hello", "function-config:shop-hello");
    }

    @Test
    void changedMemoryUpdatesConfigurationOnly() throws Exception {
        DesiredApp desired = sample();
        ActualApp actual = SampleApp.deployed(desired);
        Map<String, ActualApp.Function> functions = new HashMap<>(actual.functions());
        ActualApp.Function f = functions.get("shop-secret");
        functions.put(f.name(), new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), 1024, f.timeout(), f.role(),
                f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(), f.mappings(),
                f.aliases(), Map.of("1", new ActualApp.Version("1", "javeze stage=prod", f.codeSha256(), f.runtime(), f.handler(), 1024,
                        f.timeout(), f.role(), f.architectures(), f.environment())), null, Map.of()));
        Plan plan = Differ.plan(desired, new ActualApp(actual.roles(), functions, actual.api(), actual.topics(), actual.queues(), Map.of()));
        assertThat(kinds(plan)).containsExactly("PublishVersion", "SetAlias", "UpdateFunctionConfiguration");
    }

    @Test
    void removedRouteIsDeletedWithItsPermissionIntegrationAndFunction() throws Exception {
        DesiredApp before = sample();
        List<io.javeze.config.manifest.RouteSpec> fewer = new ArrayList<>(SampleApp.routes());
        fewer.removeIf(r -> r.function().equals("hello"));
        Manifest m = SampleApp.manifest(fewer);
        Manifest withoutHello = m.withFunctions(m.functions().stream().filter(f -> !f.name().equals("hello")).toList());
        DesiredApp after = SampleApp.desired(dir, withoutHello, Map.of());

        Plan plan = Differ.plan(after, SampleApp.deployed(before));

        assertThat(kinds(plan)).containsExactly("DeleteFunction", "DeleteIntegration", "DeleteRoute");
        assertThat(plan.actions(Action.DeleteRoute.class).get(0).routeKey()).isEqualTo("GET /hello/{word}");
        assertThat(plan.actions(Action.DeleteIntegration.class).get(0).integrationId()).isEqualTo("int-hello");
        Step deleteFunction = step(plan, "delete-function:shop-hello");
        assertThat(new StepOrder(plan).dependenciesOf(deleteFunction)).contains("delete-route:GET /hello/{word}", "delete-integration:int-hello");
    }

    @Test
    void leftoversAreDeletedOnlyWhenTaggedAsThisServices() throws Exception {
        DesiredApp desired = sample();
        ActualApp deployed = SampleApp.deployed(desired);
        Map<String, ActualApp.Topic> topics = new HashMap<>(deployed.topics());
        topics.put("arn:aws:sns:us-east-1:123456789012:shop-old", new ActualApp.Topic("shop-old", "arn:aws:sns:us-east-1:123456789012:shop-old", true, Map.of()));
        topics.put("arn:aws:sns:us-east-1:123456789012:shop-theirs", new ActualApp.Topic("shop-theirs", "arn:aws:sns:us-east-1:123456789012:shop-theirs", false, Map.of()));
        Map<String, ActualApp.Queue> queues = new HashMap<>(deployed.queues());
        queues.put("shop-gone", new ActualApp.Queue("shop-gone", "https://sqs/shop-gone", null, Map.of(), true));
        queues.put("shop-foreign", new ActualApp.Queue("shop-foreign", "https://sqs/shop-foreign", null, Map.of(), false));
        Map<String, ActualApp.Role> roles = new HashMap<>(deployed.roles());
        roles.put("shop-role-old", new ActualApp.Role("shop-role-old", "arn", Set.of("p"), Map.of(), true));
        roles.put("shop-role-foreign", new ActualApp.Role("shop-role-foreign", "arn", Set.of(), Map.of(), false));

        Plan plan = Differ.plan(desired, new ActualApp(roles, deployed.functions(), deployed.api(), topics, queues, Map.of()));

        assertThat(plan.actions(Action.DeleteTopic.class)).extracting(Action.DeleteTopic::arn)
                .containsExactly("arn:aws:sns:us-east-1:123456789012:shop-old");
        assertThat(plan.actions(Action.DeleteQueue.class)).extracting(Action.DeleteQueue::name).containsExactly("shop-gone");
        assertThat(plan.actions(Action.DeleteRole.class)).extracting(Action.DeleteRole::name).containsExactly("shop-role-old");
        assertThat(plan.actions()).hasSize(3);
    }

    @Test
    void removeDeletesTheWholeApiAndEverythingOwned() throws Exception {
        DesiredApp desired = sample();
        ActualApp deployed = SampleApp.deployed(desired);
        DesiredApp nothing = DesiredApp.nothing("shop", "prod", SampleApp.REGION, SampleApp.ACCOUNT, "aws");

        Plan plan = Differ.plan(nothing, deployed);

        assertThat(plan.actions(Action.DeleteApi.class)).extracting(Action.DeleteApi::apiId).containsExactly(SampleApp.API_ID);
        assertThat(plan.actions(Action.DeleteRoute.class)).isEmpty();
        assertThat(plan.actions(Action.DeleteFunction.class)).hasSize(5);
        assertThat(plan.actions(Action.DeleteRole.class)).hasSize(3);
        assertThat(plan.actions(Action.DeleteTopic.class)).hasSize(1);
        assertThat(plan.actions(Action.DeleteQueue.class)).extracting(Action.DeleteQueue::name)
                .containsExactlyInAnyOrder("shop-prod-on-order", "shop-prod-on-order-dlq");
        assertThat(plan.actions(Action.DeleteMapping.class)).hasSize(1);
        assertThat(plan.actions(Action.Unsubscribe.class)).isEmpty(); // deleting the topic deletes its subscriptions
        assertThat(plan.actions()).allMatch(a -> a.kind() == Action.Kind.DELETE);
        // nothing left to do once it is all gone
        assertThat(Differ.plan(nothing, ActualApp.empty()).steps()).isEmpty();
    }

    @Test
    void recreatedApiReplacesStalePermissions() throws Exception {
        DesiredApp desired = sample();
        ActualApp deployed = SampleApp.deployed(desired);
        ActualApp apiGone = new ActualApp(deployed.roles(), deployed.functions(), null, deployed.topics(), deployed.queues(), Map.of());

        Plan plan = Differ.plan(desired, apiGone);

        assertThat(plan.actions(Action.CreateApi.class)).hasSize(1);
        assertThat(plan.actions(Action.AddPermission.class)).hasSize(4).allMatch(Action.AddPermission::replace);
        assertThat(plan.actions(Action.CreateFunction.class)).isEmpty();
    }

    @Test
    void routeMovedBehindTheAuthorizerIsUpdatedInPlace() throws Exception {
        DesiredApp before = sample();
        List<io.javeze.config.manifest.RouteSpec> routes = new ArrayList<>(SampleApp.routes());
        routes.replaceAll(r -> r.function().equals("hello") ? SampleApp.route("GET", "/hello/{word}", "hello", "auth") : r);
        DesiredApp after = SampleApp.desired(dir, SampleApp.manifest(routes), Map.of());

        Plan plan = Differ.plan(after, SampleApp.deployed(before));

        assertThat(kinds(plan)).containsExactly("UpdateRoute");
        assertThat(plan.actions(Action.UpdateRoute.class).get(0).routeId()).isEqualTo("route-GET /hello/{word}");
    }

    @Test
    void driftedQueuePolicyIsRestored() throws Exception {
        DesiredApp desired = sample();
        ActualApp deployed = SampleApp.deployed(desired);
        Map<String, ActualApp.Queue> queues = new HashMap<>(deployed.queues());
        ActualApp.Queue q = queues.get("shop-prod-on-order");
        Map<String, String> attributes = new HashMap<>(q.attributes());
        attributes.put("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        queues.put(q.name(), new ActualApp.Queue(q.name(), q.url(), q.arn(), attributes, true));

        Plan plan = Differ.plan(desired, new ActualApp(deployed.roles(), deployed.functions(), deployed.api(), deployed.topics(), queues, Map.of()));

        assertThat(plan.actions(Action.UpdateQueue.class)).extracting(Action.UpdateQueue::url).containsExactly("https://sqs/shop-prod-on-order");
        assertThat(plan.actions()).hasSize(1);
    }

    private static Step step(Plan plan, String key) {
        return plan.steps().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + key + " in " + plan.steps().stream().map(Step::key).toList()));
    }

    /** Resolves prefix dependencies the way the executor does. */
    private record StepOrder(Plan plan) {
        List<String> dependenciesOf(Step step) {
            List<String> out = new ArrayList<>();
            for (String d : step.dependsOn()) {
                if (d.endsWith("*")) {
                    String prefix = d.substring(0, d.length() - 1);
                    plan.steps().stream().map(Step::key).filter(k -> k.startsWith(prefix)).forEach(out::add);
                } else {
                    out.add(d);
                }
            }
            return out;
        }
    }

    @Test
    void corsIsPartOfTheApiAndDiffedAsApiGatewayAppliesIt() throws Exception {
        HttpCors cors = new HttpCors(List.of("https://app.example.com"), List.of("GET", "POST"), List.of("Authorization"),
                List.of(), true, 300);
        DesiredApp withCors = SampleApp.desired(dir, cors);

        Plan cold = Differ.plan(withCors, ActualApp.empty());
        assertThat(cold.actions(Action.CreateApi.class)).singleElement()
                .satisfies(a -> assertThat(a.describe()).isEqualTo("create HTTP API shop-prod with CORS (origins https://app.example.com; "
                        + "methods GET, POST; headers Authorization; credentials; max age 300 s)"));
        assertThat(cold.actions(Action.UpdateApiCors.class)).isEmpty();

        ActualApp deployedWithout = SampleApp.deployed(sample());
        assertThat(Differ.plan(withCors, deployedWithout).actions()).singleElement()
                .isEqualTo(new Action.UpdateApiCors(SampleApp.API_ID, cors));

        ActualApp deployedWith = SampleApp.deployed(withCors);
        HttpCors sameAsApiGatewayReportsIt = new HttpCors(List.of("https://app.example.com"), List.of("POST", "get"),
                List.of("authorization"), List.of(), true, 300);
        assertThat(Differ.plan(SampleApp.desired(dir, sameAsApiGatewayReportsIt), deployedWith).steps()).isEmpty();
        assertThat(Differ.plan(sample(), deployedWith).actions()).singleElement()
                .satisfies(a -> assertThat(a.describe()).isEqualTo("remove the CORS configuration of HTTP API " + SampleApp.API_ID));
        HttpCors longer = new HttpCors(cors.allowOrigins(), cors.allowMethods(), cors.allowHeaders(), List.of(), true, 600);
        assertThat(Differ.plan(SampleApp.desired(dir, longer), deployedWith).actions()).singleElement()
                .isEqualTo(new Action.UpdateApiCors(SampleApp.API_ID, longer));
    }
}
