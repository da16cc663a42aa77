package io.javeze.deploy.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.deploy.plan.Action;
import io.javeze.deploy.plan.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Action step(String name) {
        return new Action.DeleteLogGroup(name);
    }

    @Test
    void runsEveryStepAfterItsDependenciesIncludingPrefixDependencies() {
        Plan plan = new Plan.Builder()
                .add("route:b", step("route b"), "integration:x")
                .add("integration:x", step("integration"), "api")
                .add("api", step("api"))
                .add("route:a", step("route a"), "api")
                .add("delete-integration:old", step("delete old"), "route:*")
                .add("unrelated", step("unrelated"), "missing-step-counts-as-done")
                .build();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new StepExecutor(pool, new ConcurrencyLimit(4), StepListener.NONE).execute(plan, s -> order.add(s.key()));

        assertThat(order).hasSize(6);
        assertThat(order.indexOf("api")).isLessThan(order.indexOf("integration:x")).isLessThan(order.indexOf("route:a"));
        assertThat(order.indexOf("integration:x")).isLessThan(order.indexOf("route:b"));
        assertThat(order.indexOf("delete-integration:old")).isGreaterThan(order.indexOf("route:a")).isGreaterThan(order.indexOf("route:b"));
    }

    @Test
    void aFailureStartsNothingNewAndNamesTheStep() {
        Plan plan = new Plan.Builder()
                .add("first", step("first"))
                .add("second", step("second"), "first")
                .build();
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> new StepExecutor(pool, new ConcurrencyLimit(2), StepListener.NONE).execute(plan, s -> {
            ran.incrementAndGet();
            throw new JavezeException("boom");
        })).isInstanceOf(JavezeException.class)
                .hasMessageContaining("delete log group first: boom")
                .hasMessageContaining("run again to resume");
        assertThat(ran.get()).isEqualTo(1);
    }

    @Test
    void countsOnlySucceededStepsAsMadeWhenSeveralFail() {
        Plan.Builder builder = new Plan.Builder();
        for (String key : List.of("ok1", "ok2", "bad1", "bad2")) builder.add(key, step(key));
        CountDownLatch allStarted = new CountDownLatch(4);
        assertThatThrownBy(() -> new StepExecutor(pool, new ConcurrencyLimit(4), StepListener.NONE).execute(builder.build(), s -> {
            allStarted.countDown();
            try {
                allStarted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (s.key().startsWith("bad")) throw new JavezeException("boom");
        })).isInstanceOf(JavezeException.class)
                .hasMessageContaining("(2 of 4 changes made and recorded; run again to resume)");
    }

    @Test
    void neverRunsMoreStepsAtOnceThanTheLimit() {
        Plan.Builder builder = new Plan.Builder();
        for (int i = 0; i < 20; i++) builder.add("s" + i, step("s" + i));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        new StepExecutor(pool, new ConcurrencyLimit(2), StepListener.NONE).execute(builder.build(), s -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
        });
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void throttlingHalvesTheLimitAndSuccessesEarnItBack() {
        ConcurrencyLimit limit = new ConcurrencyLimit(16);
        limit.onThrottled();
        assertThat(limit.current()).isEqualTo(8);
        for (int i = 0; i < 8; i++) limit.onSuccess();
        assertThat(limit.current()).isEqualTo(9);
    }
}
