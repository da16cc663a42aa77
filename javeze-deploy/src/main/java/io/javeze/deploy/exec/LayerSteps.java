package io.javeze.deploy.exec;

import io.javeze.deploy.model.LayerTarget;
import io.javeze.deploy.plan.Action;
import java.util.List;

/** Publishing and pruning the service's dependency layer ({@link io.javeze.lambda.DependencyLayers}). */
final class LayerSteps {
    private LayerSteps() {}

    static boolean run(Action action, DeployContext ctx) {
        if (action instanceof Action.PublishLayer a) {
            LayerTarget layer = a.layer();
            // no compatible runtimes: the same jars serve a later runtime change without a new version
            String arn = ctx.calls.call(() -> ctx.layers.publish(layer.layerName(), layer.digest(), ctx.code.codeFor(layer), List.of()));
            ctx.layerPublished(layer.digest(), arn);
            return true;
        }
        if (action instanceof Action.DeleteLayerVersion a) {
            ctx.calls.delete(() -> ctx.layers.delete(a.layerName(), a.number()));
            return true;
        }
        return false;
    }
}
