package io.javeze.deploy.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The steps that take what exists to what should exist. Empty when nothing differs. */
public record Plan(List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<Action> actions() {
        return steps.stream().map(Step::action).toList();
    }

    public <A extends Action> List<A> actions(Class<A> type) {
        return steps.stream().map(Step::action).filter(type::isInstance).map(type::cast).toList();
    }

    /** Human-readable lines, creates then updates then deletes, each sorted, for {@code --dry-run}. */
    public List<String> describe() {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing((Step s) -> s.action().kind()).thenComparing(s -> s.action().describe()));
        List<String> lines = new ArrayList<>();
        for (Step s : sorted) {
            String sign = switch (s.action().kind()) {
                case CREATE -> "+";
                case UPDATE -> "~";
                case DELETE -> "-";
            };
            lines.add(sign + " " + s.action().describe());
        }
        return lines;
    }

    /** Collects steps; keys are unique. */
    public static final class Builder {
        private final Map<String, Step> steps = new LinkedHashMap<>();

        public Builder add(String key, Action action, String... dependsOn) {
            if (steps.containsKey(key)) {
                throw new IllegalStateException("two plan steps with key " + key);
            }
            steps.put(key, new Step(key, action, Set.copyOf(java.util.Arrays.asList(dependsOn))));
            return this;
        }

        public boolean has(String key) {
            return steps.containsKey(key);
        }

        public Plan build() {
            return new Plan(List.copyOf(steps.values()));
        }
    }
}
