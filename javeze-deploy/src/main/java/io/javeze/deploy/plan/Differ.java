package io.javeze.deploy.plan;

import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.state.ActualApp;

/**
 * Compares what should exist with what does and returns the steps in between. Pure: no AWS calls, so every
 * decision is unit-tested. A resource is only ever deleted when the reader proved it is this service's (by tag).
 */
public final class Differ {
    private Differ() {}

    public static Plan plan(DesiredApp desired, ActualApp actual) {
        return plan(desired, actual, false);
    }

    /** @param deleteLogs also delete the log groups of deleted functions ({@code javeze remove --logs}) */
    public static Plan plan(DesiredApp desired, ActualApp actual, boolean deleteLogs) {
        Arns arns = new Arns(desired.partition(), desired.region(), desired.account());
        Plan.Builder plan = new Plan.Builder();
        FunctionDiff.diff(desired, actual, arns, plan, deleteLogs);
        LayerDiff.diff(desired, actual, plan); // after the functions: a layer version stays while a kept version uses it
        RoleDiff.diff(desired, actual, plan); // after the functions: a role stays while a kept version uses it
        ApiDiff.diff(desired, actual, arns, plan);
        PubSubDiff.diff(desired, actual, plan);
        ScheduleDiff.diff(desired, actual, plan);
        return plan.buildChecked();
    }
}
