package io.javeze.deploy.plan;

import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.LayerTarget;
import io.javeze.deploy.state.ActualApp;
import io.javeze.lambda.DependencyLayers;
import java.util.HashSet;
import java.util.Set;

/**
 * The service's dependency layer: a version is published only for a digest no version holds yet, once, however many
 * functions need it (their create and configuration steps wait for it). A version javeze published is deleted once
 * nothing uses it: no function's $LATEST (after this plan), no published version of any stage that this plan keeps.
 * That is only decided when every version of every function was read; otherwise a later deploy prunes.
 */
final class LayerDiff {
    /** Steps after which no function or kept version can still be moving onto an old layer version. */
    private static final String[] AFTER_FUNCTIONS = {"function:*", "function-config:*", "version:*", "alias:*",
            "delete-version:*", "delete-function:*"};

    private LayerDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Plan.Builder plan) {
        for (LayerTarget layer : desired.layers().values()) {
            if (layer.arn() == null) plan.add(Keys.layer(layer.digest()), new Action.PublishLayer(layer));
        }
        if (actual.layerVersions().isEmpty()) return;
        if (actual.functions().values().stream().anyMatch(f -> !f.versionsComplete())) return;
        Set<String> used = new HashSet<>();
        desired.layers().values().forEach(l -> {
            if (l.arn() != null) used.add(l.arn());
        });
        for (ActualApp.Function f : actual.functions().values()) {
            if (!plan.has(Keys.functionConfig(f.name())) && !plan.has(Keys.deleteFunction(f.name()))) used.addAll(f.layers());
            if (plan.has(Keys.deleteFunction(f.name()))) continue;
            f.versions().values().forEach(v -> {
                if (!plan.has(Keys.deleteVersion(f.name(), v.number()))) used.addAll(v.layers());
            });
        }
        String layerName = desired.layers().values().stream().map(LayerTarget::layerName).findFirst()
                .orElse(DependencyLayers.layerName(desired.service()));
        for (DependencyLayers.Version v : actual.layerVersions()) {
            if (v.digest() == null || used.contains(v.arn())) continue; // not javeze's, or still in use
            plan.add(Keys.deleteLayer(v.number()), new Action.DeleteLayerVersion(layerName, v.number()), AFTER_FUNCTIONS);
        }
    }
}
