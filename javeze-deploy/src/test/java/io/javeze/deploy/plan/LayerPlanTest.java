package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.LayerTarget;
import io.javeze.deploy.state.ActualApp;
import io.javeze.lambda.DependencyLayers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependency layer in the plan: published once for all functions, never when a version holds it, pruned when unused. */
class LayerPlanTest {
    static final String OLD = "a".repeat(64);
    static final String NEW = "b".repeat(64);
    static final String LAYER = DependencyLayers.layerName(SampleApp.SERVICE);
    static final String OLD_ARN = "arn:aws:lambda:us-east-1:123456789012:layer:" + LAYER + ":1";
    static final String NEW_ARN = "arn:aws:lambda:us-east-1:123456789012:layer:" + LAYER + ":2";

    @TempDir
    Path dir;

    /** Every function needing the layer with this digest, resolved to {@code arn} (null: not published yet). */
    private DesiredApp desired(String digest, String arn) throws Exception {
        DesiredApp app = SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of());
        LayerTarget layer = new LayerTarget(digest, LAYER, dir.resolve("layer.zip"), "hex", 5_000_000, null);
        List<FunctionTarget> functions = app.functions().stream().map(f -> f.withLayer(layer)).toList();
        DesiredApp withLayers = new DesiredApp(app.service(), app.stage(), app.region(), app.account(), app.partition(), app.tags(),
                app.roles(), functions, app.api(), app.topics(), app.queues(), app.logRetentionDays(), app.keepVersions());
        return arn == null ? withLayers : withLayers.withLayerArns(Map.of(digest, arn));
    }

    /** Every function (its $LATEST and version 1, which the stage's alias serves) running with these layer ARNs. */
    private static ActualApp running(ActualApp deployed, List<String> layers, List<DependencyLayers.Version> layerVersions) {
        Map<String, ActualApp.Function> functions = new HashMap<>();
        deployed.functions().forEach((name, f) -> {
            Map<String, ActualApp.Version> versions = new HashMap<>();
            f.versions().forEach((n, v) -> versions.put(n, new ActualApp.Version(v.number(), v.description(), v.codeSha256(), v.runtime(),
                    v.handler(), v.memorySize(), v.timeout(), v.role(), v.architectures(), v.environment(), layers)));
            functions.put(name, new ActualApp.Function(f.name(), f.arn(), f.runtime(), f.handler(), f.memorySize(), f.timeout(), f.role(),
                    f.architectures(), f.environment(), f.tags(), f.codeSha256(), f.state(), f.lastUpdateStatus(), f.permissions(),
                    f.mappings(), f.aliases(), versions, f.legacyStage(), f.legacyPermissions(), true, layers));
        });
        return new ActualApp(deployed.roles(), functions, deployed.api(), deployed.topics(), deployed.queues(), deployed.logGroups(),
                layerVersions);
    }

    @Test
    void aColdDeployPublishesTheLayerOnceAndEveryCreateWaitsForIt() throws Exception {
        DesiredApp app = desired(NEW, null);

        Plan plan = Differ.plan(app, ActualApp.empty());

        assertThat(plan.actions(Action.PublishLayer.class)).hasSize(1);
        assertThat(plan.steps()).filteredOn(s -> s.action() instanceof Action.CreateFunction).hasSize(app.functions().size())
                .allSatisfy(s -> assertThat(s.dependsOn()).contains(Keys.layer(NEW)));
        assertThat(plan.describe()).contains("+ publish dependency layer " + LAYER + " (sha256 bbbbbbbbbbbb)");
    }

    @Test
    void functionsAlreadyRunningTheLayerVersionHoldingTheDigestNeedNothing() throws Exception {
        DesiredApp app = desired(NEW, NEW_ARN);
        ActualApp actual = running(SampleApp.deployed(app), List.of(NEW_ARN), List.of(new DependencyLayers.Version(NEW_ARN, 2, NEW)));

        assertThat(Differ.plan(app, actual).steps()).isEmpty();
    }

    @Test
    void aNewDigestPublishesOneVersionAndMovesEveryFunctionKeepingTheOldWhileKeptVersionsUseIt() throws Exception {
        DesiredApp app = desired(NEW, null);
        ActualApp actual = running(SampleApp.deployed(app), List.of(OLD_ARN), List.of(new DependencyLayers.Version(OLD_ARN, 1, OLD)));

        Plan plan = Differ.plan(app, actual);

        assertThat(plan.actions(Action.PublishLayer.class)).hasSize(1);
        assertThat(plan.actions(Action.UpdateFunctionConfiguration.class)).hasSize(app.functions().size());
        assertThat(plan.actions(Action.UpdateFunctionCode.class)).isEmpty();
        assertThat(plan.actions(Action.PublishVersion.class)).hasSize(app.functions().size());
        assertThat(plan.actions(Action.DeleteLayerVersion.class)).as("version 1 of every function still uses it").isEmpty();
    }

    @Test
    void aLayerVersionNothingUsesAnyMoreIsDeletedAfterTheFunctionsMoved() throws Exception {
        DesiredApp app = desired(NEW, NEW_ARN);
        ActualApp actual = running(SampleApp.deployed(app), List.of(NEW_ARN), List.of(
                new DependencyLayers.Version(NEW_ARN, 2, NEW), new DependencyLayers.Version(OLD_ARN, 1, OLD),
                new DependencyLayers.Version("arn:aws:lambda:us-east-1:123456789012:layer:" + LAYER + ":0", 0, null)));

        Plan plan = Differ.plan(app, actual);

        assertThat(plan.actions(Action.DeleteLayerVersion.class)).as("only javeze's unused version")
                .containsExactly(new Action.DeleteLayerVersion(LAYER, 1));
    }

    @Test
    void optingOutOfTheLayerDetachesIt() throws Exception {
        DesiredApp app = SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of());
        ActualApp actual = running(SampleApp.deployed(app), List.of(OLD_ARN), List.of(new DependencyLayers.Version(OLD_ARN, 1, OLD)));

        Plan plan = Differ.plan(app, actual);

        assertThat(plan.actions(Action.UpdateFunctionConfiguration.class)).hasSize(app.functions().size());
        assertThat(plan.actions(Action.PublishLayer.class)).isEmpty();
    }
}
