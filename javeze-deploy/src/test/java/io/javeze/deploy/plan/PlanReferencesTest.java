package io.javeze.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.state.ActualApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** References between plan steps are checked when the plan is built, before anything runs. */
class PlanReferencesTest {
    @TempDir
    Path dir;

    @Test
    void aDependencyOnSomethingNoActionProducesIsRejected() {
        Plan.Builder plan = new Plan.Builder()
                .add("alias:shop-hello", new Action.SetAlias("shop-hello", "prod", null, true), "verison:shop-hello");
        assertThatThrownBy(plan::buildChecked).isInstanceOf(IllegalStateException.class)
                .hasMessage("plan step alias:shop-hello depends on verison:shop-hello, which no action produces");
    }

    @Test
    void aCycleIsRejectedNamingTheStepsOnIt() {
        Plan.Builder plan = new Plan.Builder()
                .add("version:f", new Action.DeleteVersion("f", "1"), "alias:f")
                .add("alias:f", new Action.DeleteAlias("f", "prod"), "delete-version:*")
                .add("delete-version:f:2", new Action.DeleteVersion("f", "2"), "version:f")
                .add("delete-api", new Action.DeleteApi("api1"));
        assertThatThrownBy(plan::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("plan has a dependency cycle among [alias:f, delete-version:f:2, version:f]");
    }

    @Test
    void everyPlanTheDifferMakesIsWellFormedAndDryRunShowsWhatEachStepWaitsFor() throws Exception {
        DesiredApp desired = SampleApp.desired(dir, SampleApp.manifest(SampleApp.routes()), Map.of());
        Plan cold = Differ.plan(desired, ActualApp.empty());
        assertThat(cold.describe(true)).contains("+ create alias shop-hello:prod to the new version  [alias:shop-hello <- function:shop-hello]");
        assertThat(cold.describe(true)).anyMatch(l -> l.startsWith("+ create function shop-hello  [function:shop-hello <- role:shop-prod-role-"));
        DesiredApp nothing = DesiredApp.nothing("shop", "prod", SampleApp.REGION, SampleApp.ACCOUNT, "aws");
        assertThat(Differ.plan(nothing, SampleApp.deployed(desired)).describe(true)).anyMatch(l -> l.startsWith("- delete role"));
    }
}
