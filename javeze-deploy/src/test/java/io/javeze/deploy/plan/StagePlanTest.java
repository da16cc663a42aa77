package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.state.ActualApp;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alias/version plan: stages share functions but never each other's aliases, versions, permissions or mappings. */
class StagePlanTest {
    @TempDir
    Path dir;

    private DesiredApp stage(String stage, Map<String, String> code) throws Exception {
        return SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), code, stage);
    }

    /** {@code actual} with one function replaced. */
    private static ActualApp with(ActualApp actual, String lambdaName, UnaryOperator<ActualApp.Function> change) {
        Map<String, ActualApp.Function> functions = new HashMap<>(actual.functions());
        functions.put(lambdaName, change.apply(functions.get(lambdaName)));
        return new ActualApp(actual.roles(), functions, actual.api(), actual.topics(), actual.queues(), actual.logGroups());
    }

    private static ActualApp.Function versions(ActualApp.Function f, Map<String, String> aliases, Map<String, ActualApp.Version> versions) {
        return new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), f.memorySize(), f.timeout(), f.role(),
                f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(),
                f.mappings(), aliases, versions, f.legacyStage(), f.legacyPermissions());
    }

    /** dev's view of a service whose prod is deployed: prod's API, roles, topics and queues are not dev's. */
    private static ActualApp prodSeenByDev(ActualApp prod) {
        Map<String, ActualApp.Function> functions = new HashMap<>();
        prod.functions().forEach((name, f) -> functions.put(name, new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(),
                f.memorySize(), f.timeout(), f.role(), f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(),
                f.lastUpdateStatus(), Map.of(), List.of(), f.aliases(), f.versions(), null, Map.of())));
        return new ActualApp(Map.of(), functions, null, Map.of(), Map.of(), Map.of());
    }

    @Test
    void deployingDevNextToProdPublishesDevVersionsAndTouchesNothingOfProd() throws Exception {
        ActualApp prod = SampleApp.deployed(stage("prod", Map.of()));
        DesiredApp dev = stage("dev", Map.of("hello", "v2"));

        Plan plan = Differ.plan(dev, prodSeenByDev(prod));

        assertThat(plan.actions(Action.SetAlias.class)).hasSize(5).allMatch(a -> a.stage().equals("dev") && a.create() && a.version() == null);
        assertThat(plan.actions(Action.PublishVersion.class)).hasSize(5).allMatch(a -> a.stage().equals("dev"));
        // dev's own role and topic ARNs make a configuration change of $LATEST before dev publishes
        assertThat(plan.actions(Action.UpdateFunctionConfiguration.class)).hasSize(5);
        assertThat(plan.actions(Action.UpdateFunctionCode.class)).extracting(a -> a.function().name()).containsExactly("hello");
        assertThat(plan.actions()).noneMatch(a -> a instanceof Action.DeleteVersion || a instanceof Action.DeleteAlias
                || a instanceof Action.DeleteFunction || a instanceof Action.RemovePermission || a.kind() == Action.Kind.DELETE);
        assertThat(plan.actions(Action.AddPermission.class)).hasSize(4).allMatch(a -> a.qualifier().equals("dev"));
        assertThat(plan.actions(Action.CreateApi.class)).singleElement().satisfies(a -> assertThat(a.api().name()).isEqualTo("shop-dev"));
        assertThat(plan.actions(Action.CreateRole.class)).allMatch(a -> a.role().name().startsWith("shop-dev-role-"));
        assertThat(plan.actions(Action.CreateTopic.class)).extracting(a -> a.topic().snsName()).containsExactly("shop-dev-orders");
        assertThat(plan.actions(Action.CreateQueues.class)).extracting(a -> a.queue().queueName()).containsExactly("shop-dev-on-order");
        assertThat(dev.aliasArn("shop-hello")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:shop-hello:dev");
    }

    @Test
    void anEarlierVersionOfTheStageThatMatchesIsServedAgainWithoutPublishing() throws Exception {
        DesiredApp v1 = stage("prod", Map.of());
        DesiredApp v2 = stage("prod", Map.of("hello", "v2"));
        FunctionTarget hello1 = v1.requireFunction("hello");
        FunctionTarget hello2 = v2.requireFunction("hello");
        ActualApp actual = with(SampleApp.deployed(v2), "shop-hello", f -> versions(f, Map.of("prod", "2"),
                Map.of("1", SampleApp.version(hello1, "1", "prod"), "2", SampleApp.version(hello2, "2", "prod"))));

        Plan plan = Differ.plan(v1, actual);

        assertThat(plan.actions()).containsExactly(new Action.SetAlias("shop-hello", "prod", "1", false));
    }

    /** {@code f} with $LATEST's description and RevisionId as the reader found them. */
    private static ActualApp.Function latestRead(ActualApp.Function f, String description, String revisionId) {
        return new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), f.memorySize(), f.timeout(), f.role(),
                f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(),
                f.mappings(), f.aliases(), f.versions(), f.legacyStage(), f.legacyPermissions(), f.versionsComplete(), f.layers(), f.snapStart(),
                description, revisionId);
    }

    @Test
    void aCodeOnlyChangeIsOneUpdateFunctionCodeThatPublishesAtTheRevisionRead() throws Exception {
        DesiredApp v2 = stage("prod", Map.of("hello", "v2"));
        ActualApp actual = with(SampleApp.deployed(stage("prod", Map.of())), "shop-hello", f -> latestRead(f, "javeze stage=prod", "rev-7"));

        Plan plan = Differ.plan(v2, actual);

        assertThat(plan.actions()).containsExactly(new Action.PublishCode(v2.requireFunction("hello"), "prod", "rev-7"),
                new Action.SetAlias("shop-hello", "prod", null, false));
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof Action.SetAlias)
                .singleElement().satisfies(s -> assertThat(s.dependsOn()).contains("version:shop-hello"));
    }

    @Test
    void aCodeChangeKeepsTheSeparatePublishWhenTheVersionWouldNotBeTheStagesOrTheRevisionIsUnknown() throws Exception {
        DesiredApp v2 = stage("prod", Map.of("hello", "v2"));
        ActualApp prod = SampleApp.deployed(stage("prod", Map.of()));
        // UpdateFunctionCode cannot describe the version: $LATEST's description (dev's) would make it dev's
        for (ActualApp actual : List.of(with(prod, "shop-hello", f -> latestRead(f, "javeze stage=dev", "rev-7")),
                with(prod, "shop-hello", f -> latestRead(f, "javeze stage=prod", null)))) {
            Plan plan = Differ.plan(v2, actual);

            assertThat(plan.actions(Action.PublishCode.class)).isEmpty();
            assertThat(plan.actions(Action.UpdateFunctionCode.class)).extracting(a -> a.function().name()).containsExactly("hello");
            assertThat(plan.actions(Action.PublishVersion.class)).extracting(a -> a.function().name()).containsExactly("hello");
        }
    }

    @Test
    void aConfigurationChangeWithTheCodeKeepsTheSeparatePublish() throws Exception {
        DesiredApp v2 = stage("prod", Map.of("hello", "v2"));
        ActualApp actual = with(SampleApp.deployed(stage("prod", Map.of())), "shop-hello", f -> latestRead(
                new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), f.memorySize() + 1, f.timeout(), f.role(),
                        f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(),
                        f.mappings(), f.aliases(), f.versions(), f.legacyStage(), f.legacyPermissions()),
                "javeze stage=prod", "rev-7"));

        Plan plan = Differ.plan(v2, actual);

        assertThat(plan.actions(Action.PublishCode.class)).isEmpty();
        assertThat(plan.actions()).hasAtLeastOneElementOfType(Action.UpdateFunctionConfiguration.class)
                .hasAtLeastOneElementOfType(Action.UpdateFunctionCode.class).hasAtLeastOneElementOfType(Action.PublishVersion.class);
    }

    @Test
    void oldVersionsOfTheStageArePrunedButNeverOnesAnAliasServes() throws Exception {
        DesiredApp old = stage("prod", Map.of());
        DesiredApp next = stage("prod", Map.of("hello", "v9"));
        FunctionTarget hello = old.requireFunction("hello");
        Map<String, ActualApp.Version> versions = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            versions.put(String.valueOf(i), SampleApp.version(hello, String.valueOf(i), i == 3 ? "dev" : "prod"));
        }
        // prod serves 6, dev serves 2 (a prod version it was rolled onto) and published 3
        ActualApp actual = with(SampleApp.deployed(old), "shop-hello", f -> versions(f, Map.of("prod", "6", "dev", "2"), versions));

        Plan plan = Differ.plan(next, actual);

        // keep 3 of prod's: the new one, 6 and 5; 4 and 1 go; 2 stays (dev serves it); 3 is dev's
        assertThat(plan.actions(Action.DeleteVersion.class)).extracting(Action.DeleteVersion::version).containsExactlyInAnyOrder("4", "1");
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof Action.DeleteVersion)
                .allMatch(s -> s.dependsOn().contains("alias:shop-hello"));
    }

    @Test
    void removingDevLeavesFunctionsProdServesAndDeletesOnlyDevsAliasAndVersions() throws Exception {
        DesiredApp prod = stage("prod", Map.of());
        FunctionTarget hello = prod.requireFunction("hello");
        ActualApp actual = with(prodSeenByDev(SampleApp.deployed(prod)), "shop-hello", f -> versions(f, Map.of("prod", "1", "dev", "2"),
                Map.of("1", SampleApp.version(hello, "1", "prod"), "2", SampleApp.version(hello, "2", "dev"))));
        actual = with(actual, "shop-hello", f -> new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), f.memorySize(),
                f.timeout(), f.role(), f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(),
                Map.of("javeze-dev-sid", "arn"), f.mappings(), f.aliases(), f.versions(), null, Map.of()));
        DesiredApp nothing = DesiredApp.nothing("shop", "dev", SampleApp.REGION, SampleApp.ACCOUNT, "aws");

        Plan plan = Differ.plan(nothing, actual);

        assertThat(plan.actions(Action.DeleteFunction.class)).isEmpty();
        assertThat(plan.actions(Action.DeleteAlias.class)).containsExactly(new Action.DeleteAlias("shop-hello", "dev"));
        assertThat(plan.actions(Action.DeleteVersion.class)).containsExactly(new Action.DeleteVersion("shop-hello", "2"));
        assertThat(plan.actions(Action.RemovePermission.class)).containsExactly(new Action.RemovePermission("shop-hello", "dev", "javeze-dev-sid"));
        assertThat(plan.actions()).hasSize(3);
    }

    @Test
    void theLastStageToGoDeletesTheFunction() throws Exception {
        ActualApp prod = SampleApp.deployed(stage("prod", Map.of()));
        Plan plan = Differ.plan(DesiredApp.nothing("shop", "prod", SampleApp.REGION, SampleApp.ACCOUNT, "aws"), prod);
        assertThat(plan.actions(Action.DeleteFunction.class)).hasSize(5);
        assertThat(plan.actions(Action.DeleteAlias.class)).isEmpty();
    }

    @Test
    void aFunctionDeployedBeforeStagesIsMigratedByItsOwnStageAndRefusedByAnother() throws Exception {
        DesiredApp prod = stage("prod", Map.of());
        Map<String, String> legacyTags = new HashMap<>(prod.requireFunction("hello").tags());
        legacyTags.put(OwnershipTags.STAGE, "prod");
        ActualApp legacy = with(SampleApp.deployed(prod), "shop-hello", f -> new ActualApp.Function(f.name(), f.arn(), f.runtime(),
                f.handler(), f.memorySize(), f.timeout(), f.role(), f.architectures(), f.environment(), legacyTags, f.codeSha256(),
                f.state(), f.lastUpdateStatus(), f.permissions(), f.mappings(), Map.of(), Map.of(), "prod",
                Map.of("javeze-route-0123456789abcdef", "arn:aws:execute-api:us-east-1:123456789012:api123/*/GET/hello/{word}")));

        Plan plan = Differ.plan(prod, legacy);

        assertThat(plan.actions(Action.PublishVersion.class)).extracting(a -> a.function().name()).containsExactly("hello");
        assertThat(plan.actions(Action.SetAlias.class)).containsExactly(new Action.SetAlias("shop-hello", "prod", null, true));
        assertThat(plan.actions(Action.RemovePermission.class))
                .containsExactly(new Action.RemovePermission("shop-hello", null, "javeze-route-0123456789abcdef"));
        assertThat(plan.actions(Action.TagFunction.class)).singleElement()
                .satisfies(t -> assertThat(t.remove()).containsExactly(OwnershipTags.STAGE));
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof Action.TagFunction)
                .allMatch(s -> s.dependsOn().contains("remove-permission:*"));

        DesiredApp dev = stage("dev", Map.of());
        assertThatThrownBy(() -> Differ.plan(dev, legacy)).isInstanceOf(JavezeException.class)
                .hasMessageContaining("shop-hello still serves stage prod").hasMessageContaining("javeze deploy --stage prod");
    }

    @Test
    void aWantedRoleOrFunctionThatIsNotThisServicesIsNeverTakenOver() throws Exception {
        DesiredApp prod = stage("prod", Map.of());
        ActualApp deployed = SampleApp.deployed(prod);
        Map<String, ActualApp.Role> roles = new HashMap<>(deployed.roles());
        String name = prod.roles().get(0).name();
        roles.put(name, new ActualApp.Role(name, "arn", java.util.Set.of(), Map.of(), false));
        assertThatThrownBy(() -> Differ.plan(prod, new ActualApp(roles, deployed.functions(), deployed.api(), deployed.topics(),
                deployed.queues(), Map.of()))).isInstanceOf(JavezeException.class).hasMessageContaining("IAM role " + name)
                .hasMessageContaining("not tagged");

        ActualApp foreign = with(deployed, "shop-hello", f -> new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(),
                f.memorySize(), f.timeout(), f.role(), f.architectures(), f.environment(), Map.of("javeze:service", "other"),
                f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(), f.mappings(), f.aliases(), f.versions(), null, Map.of()));
        assertThatThrownBy(() -> Differ.plan(prod, foreign)).isInstanceOf(JavezeException.class)
                .hasMessageContaining("function shop-hello exists but is not tagged javeze:service=shop");
    }
}
