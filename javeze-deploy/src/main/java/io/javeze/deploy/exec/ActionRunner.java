package io.javeze.deploy.exec;

import io.javeze.deploy.plan.Step;

/** Runs one step's action against AWS, by feature. */
public final class ActionRunner implements StepExecutor.StepRunner {
    private final DeployContext ctx;

    public ActionRunner(DeployContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run(Step step) {
        boolean handled = StageSteps.run(step.action(), ctx)
                || IamSteps.run(step.action(), ctx)
                || LambdaSteps.run(step.action(), ctx)
                || LayerSteps.run(step.action(), ctx)
                || ApiSteps.run(step.action(), ctx)
                || PubSubSteps.run(step.action(), ctx)
                || ScheduleSteps.run(step.action(), ctx);
        if (!handled) {
            throw new IllegalStateException("no runner for " + step.action());
        }
    }
}
