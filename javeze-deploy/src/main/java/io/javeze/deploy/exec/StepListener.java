package io.javeze.deploy.exec;

import io.javeze.deploy.plan.Step;
import java.time.Duration;

/** Progress of a running plan, for the CLI's output. Called from worker threads. */
public interface StepListener {
    StepListener NONE = new StepListener() {};

    default void started(Step step) {}

    default void finished(Step step, Duration took) {}

    default void failed(Step step, Throwable error) {}
}
