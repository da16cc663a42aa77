package io.javeze.deploy.model;

import io.javeze.config.Naming;
import java.util.List;

/**
 * Statement ids of the invoke permissions javeze adds. Each stage's statements sit on its own alias and carry a
 * prefix of their own, so a stage only ever reads, replaces or removes its own, even where one policy document
 * holds every qualifier's statements (the local cloud does that). Deployments made before javeze had stages used
 * the unprefixed {@link #LEGACY_PREFIXES} on the unqualified function.
 */
public final class StatementIds {
    public static final List<String> LEGACY_PREFIXES = List.of("javeze-route-", "javeze-authorizer-");

    private StatementIds() {}

    public static String stagePrefix(String stage) {
        return "javeze-" + Naming.sha256Hex(stage).substring(0, 8) + "-";
    }

    public static String route(String stage, String routeKey) {
        return stagePrefix(stage) + "route-" + Naming.sha256Hex(routeKey).substring(0, 16);
    }

    public static String authorizer(String stage, String authorizer) {
        return stagePrefix(stage) + "authorizer-" + Naming.sha256Hex(authorizer).substring(0, 16);
    }

    public static boolean legacy(String sid) {
        return LEGACY_PREFIXES.stream().anyMatch(sid::startsWith);
    }
}
