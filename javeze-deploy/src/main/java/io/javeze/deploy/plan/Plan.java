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

    /** Kahn's algorithm over the resolved dependencies; what is left over lies on a cycle. */
    void requireAcyclic() {
        Map<String, Step> byKey = new LinkedHashMap<>();
        steps.forEach(s -> byKey.put(s.key(), s));
        Map<String, java.util.Set<String>> waiting = new LinkedHashMap<>();
        steps.forEach(s -> waiting.put(s.key(), new java.util.HashSet<>(resolve(s, byKey))));
        java.util.Deque<String> ready = new java.util.ArrayDeque<>();
        waiting.forEach((k, deps) -> {
            if (deps.isEmpty()) ready.add(k);
        });
        int done = 0;
        while (!ready.isEmpty()) {
            String k = ready.poll();
            done++;
            for (Map.Entry<String, java.util.Set<String>> e : waiting.entrySet()) {
                if (e.getValue().remove(k) && e.getValue().isEmpty()) ready.add(e.getKey());
            }
        }
        if (done < steps.size()) {
            List<String> stuck = waiting.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
            throw new IllegalStateException("plan has a dependency cycle among " + stuck);
        }
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

    /** Human-readable lines, creates then updates then deletes, each sorted. */
    public List<String> describe() {
        return describe(false);
    }

    /**
     * As {@link #describe()}; with {@code dependencies}, each line also names its step key and the planned steps it
     * waits for ({@code --dry-run}).
     */
    public List<String> describe(boolean dependencies) {
        Map<String, Step> byKey = new LinkedHashMap<>();
        steps.forEach(s -> byKey.put(s.key(), s));
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing((Step s) -> s.action().kind()).thenComparing(s -> s.action().describe()));
        List<String> lines = new ArrayList<>();
        for (Step s : sorted) {
            String sign = switch (s.action().kind()) {
                case CREATE -> "+";
                case UPDATE -> "~";
                case DELETE -> "-";
            };
            String line = sign + " " + s.action().describe();
            if (dependencies) {
                List<String> after = resolve(s, byKey).stream().sorted().toList();
                line += "  [" + s.key() + (after.isEmpty() ? "" : " <- " + String.join(", ", after)) + "]";
            }
            lines.add(line);
        }
        return lines;
    }

    /** The planned steps a step waits for: its dependencies, with {@code prefix*} expanded; unplanned ones are satisfied. */
    public static java.util.Set<String> resolve(Step step, Map<String, Step> byKey) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String d : step.dependsOn()) {
            if (d.endsWith("*")) {
                String prefix = d.substring(0, d.length() - 1);
                byKey.keySet().stream().filter(k -> k.startsWith(prefix) && !k.equals(step.key())).forEach(out::add);
            } else if (byKey.containsKey(d) && !d.equals(step.key())) {
                out.add(d);
            }
        }
        return out;
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

        /** The plan; dependencies forming a cycle are rejected here, before anything runs. */
        public Plan build() {
            Plan plan = new Plan(List.copyOf(steps.values()));
            plan.requireAcyclic();
            return plan;
        }

        /**
         * The planner's plan, with every reference checked: each step key and dependency must name a known kind of
         * step (what some action produces), and the dependencies must not form a cycle. Either mistake is a planner
         * bug, reported here, before anything runs.
         */
        public Plan buildChecked() {
            for (Step s : steps.values()) {
                if (!Keys.known(s.key())) throw new IllegalStateException("plan step " + s.key() + " has no known kind");
                for (String d : s.dependsOn()) {
                    if (!Keys.known(d)) {
                        throw new IllegalStateException("plan step " + s.key() + " depends on " + d + ", which no action produces");
                    }
                }
            }
            return build();
        }
    }
}
