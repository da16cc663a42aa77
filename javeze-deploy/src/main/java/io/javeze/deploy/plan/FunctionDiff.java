package io.javeze.deploy.plan;

import io.javeze.config.JavezeException;
import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.model.OwnershipTags;
import io.javeze.deploy.state.ActualApp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Functions are shared by the stages of a service; each stage is an alias pointing at an immutable published
 * version. A stage whose alias already serves exactly the wanted code and configuration is left alone; one of its
 * own earlier versions that matches is reused (no publish); otherwise $LATEST is brought to the wanted state and
 * published (a code-only change in one call, {@link Action.PublishCode}), and the alias moves. Other stages' aliases, and the versions they serve, are never touched.
 */
final class FunctionDiff {
    static final String VERSION_DESCRIPTION = "javeze stage=";

    private FunctionDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Arns arns, Plan.Builder plan, boolean deleteLogs) {
        String stage = desired.stage();
        Set<String> wanted = new HashSet<>();
        for (FunctionTarget f : desired.functions()) {
            wanted.add(f.lambdaName());
            ActualApp.Function existing = actual.functions().get(f.lambdaName());
            if (existing == null) {
                // CreateFunction publishes version 1 itself (Publish=true): no wait for Pending to end before the alias
                plan.add(Keys.function(f.lambdaName()), new Action.CreateFunction(f), Keys.role(f.roleName()), layerKey(f));
                plan.add(Keys.alias(f.lambdaName()), new Action.SetAlias(f.lambdaName(), stage, null, true), Keys.function(f.lambdaName()));
                logRetention(desired, actual, f.lambdaName(), plan);
                continue;
            }
            requireOwned(desired, existing);
            String served = existing.aliases().get(stage);
            ActualApp.Version current = served == null ? null : existing.versions().get(served);
            String target = served;
            boolean publishing = false;
            if (current == null || !matches(f, current)) {
                ActualApp.Version reuse = stageVersions(existing, stage).stream().filter(v -> matches(f, v)).findFirst().orElse(null);
                if (reuse != null) {
                    target = reuse.number();
                    plan.add(Keys.alias(f.lambdaName()), new Action.SetAlias(f.lambdaName(), stage, target, served == null));
                } else {
                    publishing = true;
                    target = null;
                    if (codeOnly(f, existing, stage)) {
                        plan.add(Keys.version(f.lambdaName()), new Action.PublishCode(f, stage, existing.revisionId()));
                    } else {
                        latest(f, existing, plan);
                        plan.add(Keys.version(f.lambdaName()), new Action.PublishVersion(f, stage),
                                Keys.functionCode(f.lambdaName()), Keys.functionConfig(f.lambdaName()));
                    }
                    plan.add(Keys.alias(f.lambdaName()), new Action.SetAlias(f.lambdaName(), stage, null, served == null),
                            Keys.version(f.lambdaName()));
                }
            }
            tags(f, existing, plan);
            prune(desired, existing, target, publishing, plan);
            logRetention(desired, actual, f.lambdaName(), plan);
        }
        for (ActualApp.Function existing : actual.functions().values()) {
            if (wanted.contains(existing.name())) continue;
            if (existing.legacyStage() != null && !existing.legacyStage().equals(stage)) continue; // another stage serves it
            Set<String> otherStages = new TreeSet<>(existing.aliases().keySet());
            otherStages.remove(stage);
            if (!otherStages.isEmpty()) {
                leaveStage(existing, stage, plan);
                continue;
            }
            List<String> mappingDeletes = existing.mappings().stream().map(m -> Keys.deleteMapping(m.uuid())).toList();
            String[] deps = Stream.concat(mappingDeletes.stream(), Stream.of("delete-route:*", "route:*",
                    "delete-integration:*", "delete-authorizer:*", "authorizer:*")).toArray(String[]::new);
            plan.add(Keys.deleteFunction(existing.name()), new Action.DeleteFunction(existing.name()), deps);
            String group = logGroupOf(existing.name());
            if (deleteLogs && actual.logGroups().containsKey(group)) {
                plan.add(Keys.deleteLogGroup(group), new Action.DeleteLogGroup(group), Keys.deleteFunction(existing.name()));
            }
        }
    }

    private static void requireOwned(DesiredApp desired, ActualApp.Function existing) {
        if (!OwnershipTags.ownedBy(existing.tags(), desired.service())) {
            throw new JavezeException("function " + existing.name() + " exists but is not tagged " + OwnershipTags.SERVICE + "="
                    + desired.service() + "; javeze will not take it over: rename the service or delete the function");
        }
        String legacy = existing.legacyStage();
        if (legacy != null && !legacy.equals(desired.stage())) {
            throw new JavezeException("function " + existing.name() + " still serves stage " + legacy + " from $LATEST (deployed before"
                    + " javeze had stages); deploy that stage first (`javeze deploy --stage " + legacy + "`) to move it onto its alias");
        }
    }

    /**
     * Whether one UpdateFunctionCode with Publish makes the stage's version: only the code differs from $LATEST, whose
     * revision is known (the call fails if $LATEST changed since, as PublishVersion's check would), and $LATEST's
     * description is already the stage's, which the published version inherits (UpdateFunctionCode sets none).
     */
    private static boolean codeOnly(FunctionTarget f, ActualApp.Function existing, String stage) {
        return existing.revisionId() != null && (VERSION_DESCRIPTION + stage).equals(existing.description())
                && (!f.codeSha256().equals(existing.codeSha256()) || !sameArchitecture(f, existing))
                && sameConfiguration(f, existing);
    }

    /** $LATEST brought to the wanted code and configuration, before it is published. */
    private static void latest(FunctionTarget f, ActualApp.Function existing, Plan.Builder plan) {
        if (!f.codeSha256().equals(existing.codeSha256()) || !sameArchitecture(f, existing)) {
            plan.add(Keys.functionCode(f.lambdaName()), new Action.UpdateFunctionCode(f));
        }
        if (!sameConfiguration(f, existing)) {
            plan.add(Keys.functionConfig(f.lambdaName()), new Action.UpdateFunctionConfiguration(f),
                    Keys.functionCode(f.lambdaName()), Keys.role(f.roleName()), layerKey(f));
        }
    }

    /** The step publishing the function's layer (nothing waits on a key no step has: a layer already published). */
    private static String layerKey(FunctionTarget f) {
        return f.layer() == null ? Keys.role(f.roleName()) : Keys.layer(f.layer().digest());
    }

    private static void tags(FunctionTarget f, ActualApp.Function existing, Plan.Builder plan) {
        Map<String, String> set = new TreeMap<>();
        f.tags().forEach((k, v) -> {
            if (!v.equals(existing.tags().get(k))) set.put(k, v);
        });
        Set<String> remove = new TreeSet<>();
        existing.tags().keySet().stream()
                .filter(k -> !f.tags().containsKey(k) && !k.toLowerCase().startsWith("aws:"))
                .forEach(remove::add);
        if (!set.isEmpty() || !remove.isEmpty()) {
            // a legacy function loses its stage tag last, once its unqualified permissions and mappings are gone
            plan.add(Keys.functionTags(f.lambdaName()), new Action.TagFunction(f.lambdaName(), set, remove),
                    "remove-permission:*", "delete-mapping:*", Keys.alias(f.lambdaName()));
        }
    }

    /**
     * Keeps the stage's newest {@code keepVersions} versions (counting the one this deploy publishes) and every
     * version an alias serves; deletes the stage's older ones once the alias has moved.
     */
    private static void prune(DesiredApp desired, ActualApp.Function existing, String target, boolean publishing,
                              Plan.Builder plan) {
        Set<String> served = new HashSet<>(existing.aliases().values());
        if (target != null) served.add(target);
        int keep = Math.max(1, desired.keepVersions()) - (publishing ? 1 : 0);
        List<ActualApp.Version> mine = stageVersions(existing, desired.stage());
        for (int i = keep; i < mine.size(); i++) {
            String v = mine.get(i).number();
            if (served.contains(v)) continue;
            plan.add(Keys.deleteVersion(existing.name(), v), new Action.DeleteVersion(existing.name(), v), Keys.alias(existing.name()));
        }
    }

    /** Another stage still serves the function: only this stage's alias, statements and versions go. */
    private static void leaveStage(ActualApp.Function existing, String stage, Plan.Builder plan) {
        List<String> deps = new ArrayList<>(List.of("delete-mapping:*", "delete-route:*", "route:*", "delete-integration:*",
                "delete-authorizer:*", "authorizer:*", "delete-api"));
        for (String sid : existing.permissions().keySet()) {
            String key = Keys.removePermission(existing.name(), sid);
            plan.add(key, new Action.RemovePermission(existing.name(), stage, sid));
            deps.add(key);
        }
        if (existing.aliases().containsKey(stage)) {
            plan.add(Keys.deleteAlias(existing.name()), new Action.DeleteAlias(existing.name(), stage), deps.toArray(String[]::new));
        }
        Set<String> servedElsewhere = new HashSet<>();
        existing.aliases().forEach((alias, v) -> {
            if (!alias.equals(stage)) servedElsewhere.add(v);
        });
        for (ActualApp.Version v : stageVersions(existing, stage)) {
            if (servedElsewhere.contains(v.number())) continue;
            plan.add(Keys.deleteVersion(existing.name(), v.number()), new Action.DeleteVersion(existing.name(), v.number()),
                    Keys.deleteAlias(existing.name()));
        }
    }

    /** The versions this stage published, newest first. */
    static List<ActualApp.Version> stageVersions(ActualApp.Function f, String stage) {
        return f.versions().values().stream()
                .filter(v -> stage.equals(stageOf(v)))
                .sorted(Comparator.comparingLong((ActualApp.Version v) -> Long.parseLong(v.number())).reversed())
                .toList();
    }

    static String description(String stage) {
        return VERSION_DESCRIPTION + stage;
    }

    static String stageOf(ActualApp.Version v) {
        String d = v.description();
        if (d == null || !d.startsWith(VERSION_DESCRIPTION)) return null;
        String rest = d.substring(VERSION_DESCRIPTION.length());
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    private static void logRetention(DesiredApp desired, ActualApp actual, String lambdaName, Plan.Builder plan) {
        Integer days = desired.logRetentionDays();
        if (days == null) return;
        String group = logGroupOf(lambdaName);
        ActualApp.LogGroup existing = actual.logGroups().get(group);
        if (existing == null || !days.equals(existing.retentionDays())) {
            plan.add(Keys.logGroup(group), new Action.SetLogRetention(group, days, existing == null));
        }
    }

    static String logGroupOf(String lambdaName) {
        return "/aws/lambda/" + lambdaName;
    }

    /** Whether a published version (or $LATEST) is exactly the wanted code and configuration. */
    static boolean matches(FunctionTarget f, ActualApp.Version v) {
        return v.serves(f);
    }

    /** Everything UpdateFunctionConfiguration sets, compared with what Lambda reports; the role by name, as its ARN may carry a path. */
    static boolean sameConfiguration(FunctionTarget f, ActualApp.Function a) {
        return f.runtime().equals(a.runtime())
                && f.handler().equals(a.handler())
                && f.memorySize() == a.memorySize()
                && f.timeout() == a.timeout()
                && f.roleName().equals(Arns.lastSegment(a.role()))
                && f.environment().equals(a.environment())
                && f.layersMatch(a.layers())
                && f.snapStart() == a.snapStart();
    }

    /** Lambda changes the architecture only with the code (UpdateFunctionCode's Architectures). */
    static boolean sameArchitecture(FunctionTarget f, ActualApp.Function a) {
        return a.architectures().isEmpty() ? "x86_64".equals(f.architecture()) : a.architectures().equals(List.of(f.architecture()));
    }
}
