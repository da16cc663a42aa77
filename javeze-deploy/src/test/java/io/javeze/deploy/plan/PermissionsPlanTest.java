package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.build.permissions.AwsCall;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.DesiredAppBuilder;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.Policies;
import io.javeze.deploy.model.RoleTarget;
import io.javeze.deploy.packages.PackageEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared resources, inferred calls and explicit statements, as the deploy plan grants them. */
class PermissionsPlanTest {
    private static final String TOML = """
            service_name = "shop"
            [deployment]
            region = "us-east-1"
            [resources]
            orders = { type = "dynamodb", name = "shop-orders" }
            receipts = { type = "s3", name = "shop-receipts" }
            """;
    private static final List<AwsCall> CALLS = List.of(
            new AwsCall("dynamodb:GetItem", "com.shop.Orders.get(Orders.java:12)"),
            new AwsCall("dynamodb:PutItem", "com.shop.Orders.put(Orders.java:20)"),
            new AwsCall("s3:PutObject", "com.shop.Receipts.save(Receipts.java:9)"));

    @TempDir
    Path dir;

    private DesiredApp desired(String toml, List<String> uses) throws Exception {
        Files.writeString(dir.resolve("javeze.toml"), toml);
        JavezeConfig config = JavezeConfig.load(dir);
        Manifest sample = SampleApp.manifest(SampleApp.routes());
        List<FunctionSpec> functions = sample.functions().stream()
                .map(f -> f.name().equals("hello") ? f.withUses(uses) : f).toList();
        Manifest manifest = new Manifest(1, sample.service(), functions, sample.routes(), sample.authorizers(), sample.topics(), null, null);
        return DesiredAppBuilder.build(config, manifest, name -> new PackageEntry(name, dir.resolve(name + ".zip"), "hex", "sha", 1000,
                null, null, name.equals("hello") ? CALLS : List.of()), SampleApp.REGION, SampleApp.ACCOUNT);
    }

    private static JsonNode policyOf(DesiredApp app, String function) {
        FunctionTarget f = app.requireFunction(function);
        RoleTarget role = app.roles().stream().filter(r -> r.name().equals(f.roleName())).findFirst().orElseThrow();
        return role.inlinePolicy() == null ? null : Policies.parse(role.inlinePolicy());
    }

    @Test
    void inferredCallsAreGrantedOnTheUsedResourcesOnlyAndTheirNamesReachTheEnvironment() throws Exception {
        DesiredApp app = desired(TOML, List.of("orders", "receipts"));

        JsonNode policy = policyOf(app, "hello");
        assertThat(policy.get("Statement")).hasSize(2);
        assertThat(policy.get("Statement").get(0).toString()).isEqualTo("{\"Sid\":\"UsesOrders\",\"Effect\":\"Allow\","
                + "\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\"],\"Resource\":[\"arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders\","
                + "\"arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders/index/*\"]}");
        assertThat(policy.get("Statement").get(1).get("Resource").toString())
                .isEqualTo("[\"arn:aws:s3:::shop-receipts\",\"arn:aws:s3:::shop-receipts/*\"]");
        assertThat(policy.toString()).doesNotContain("\"*\"");
        assertThat(app.requireFunction("hello").environment())
                .containsEntry("JAVEZE_RESOURCE_ORDERS", "shop-orders").containsEntry("JAVEZE_RESOURCE_RECEIPTS", "shop-receipts");
        // the other functions keep their roles: logging only
        assertThat(policyOf(app, "secret")).isNull();
        assertThat(app.requireFunction("secret").environment()).doesNotContainKey("JAVEZE_RESOURCE_ORDERS");
        assertThat(app.permissionWarnings()).isEmpty();
        assertThat(app.grants()).filteredOn(g -> g.function().equals("hello")).singleElement()
                .satisfies(g -> assertThat(g.statements().get(0).sources())
                        .containsExactly("com.shop.Orders.get(Orders.java:12)", "com.shop.Orders.put(Orders.java:20)"));
    }

    @Test
    void anUnscopedCallIsWarnedAboutAndNotGranted() throws Exception {
        DesiredApp app = desired(TOML, List.of("orders"));

        assertThat(policyOf(app, "hello").toString()).doesNotContain("s3:");
        assertThat(app.permissionWarnings()).containsExactly("function hello: s3:PutObject at com.shop.Receipts.save(Receipts.java:9)"
                + " is not granted: the function uses no s3 resource; declare one in [resources] (type = \"s3\") and add @Uses,"
                + " or grant it with [[functions.hello.iam.statements]]");
    }

    @Test
    void explicitStatementsAreAddedAppWideAndPerFunction() throws Exception {
        DesiredApp app = desired(TOML + """
                [[iam.statements]]
                actions = ["ssm:GetParameter"]
                resources = ["arn:aws:ssm:us-east-1:123456789012:parameter/shop/*"]
                [[functions.hello.iam.statements]]
                actions = ["s3:PutObject"]
                resources = ["arn:aws:s3:::legacy-receipts/*"]
                """, List.of("orders"));

        assertThat(app.permissionWarnings()).isEmpty(); // the explicit statement covers s3:PutObject
        assertThat(policyOf(app, "hello").get("Statement")).extracting(s -> s.get("Sid").asText())
                .containsExactly("UsesOrders", "Declared1", "Declared2");
        assertThat(policyOf(app, "secret").get("Statement")).extracting(s -> s.get("Sid").asText()).containsExactly("Declared1");
    }

    @Test
    void aChangedGrantMovesTheFunctionToANewRoleAndTheOldOneGoes() throws Exception {
        DesiredApp before = desired(TOML, List.of("orders"));
        DesiredApp after = desired(TOML, List.of("orders", "receipts"));
        String oldRole = before.requireFunction("hello").roleName();
        String newRole = after.requireFunction("hello").roleName();
        assertThat(newRole).isNotEqualTo(oldRole);

        Plan plan = Differ.plan(after, SampleApp.deployed(before));
        assertThat(plan.actions(Action.CreateRole.class)).extracting(a -> a.role().name()).containsExactly(newRole);
        assertThat(plan.actions(Action.UpdateFunctionConfiguration.class)).extracting(a -> a.function().name()).contains("hello");
        assertThat(plan.describe(true)).anyMatch(line -> line.contains("create role " + newRole));
        // converged: the same app planned against itself changes nothing
        assertThat(Differ.plan(after, SampleApp.deployed(after)).actions()).isEmpty();
    }

    @Test
    void aFunctionsTableNamingNoFunctionIsAnErrorWithItsLine() throws Exception {
        assertThatThrownBy(() -> desired(TOML + "[[functions.helo.iam.statements]]\nactions = [\"s3:GetObject\"]\nresources = [\"*\"]\n", List.of()))
                .isInstanceOf(JavezeException.class)
                .hasMessageEndingWith("javeze.toml:7: [functions.helo] names no function of the app; its functions are "
                        + "[auth, create-order, hello, on-order, secret]");
    }
}
