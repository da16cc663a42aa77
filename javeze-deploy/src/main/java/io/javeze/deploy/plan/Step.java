package io.javeze.deploy.plan;

import java.util.Set;

/**
 * A planned action with the steps it must wait for. A dependency names another step's key, or a key prefix
 * ending in {@code *} for "every step whose key starts with this"; one naming no step in the plan is already satisfied.
 */
public record Step(String key, Action action, Set<String> dependsOn) {
    public Step {
        dependsOn = Set.copyOf(dependsOn);
    }
}
