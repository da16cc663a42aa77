package io.javeze.deploy.plan;

import io.javeze.deploy.aws.Arns;
import io.javeze.deploy.model.DesiredApp;
import io.javeze.deploy.model.FunctionTarget;
import io.javeze.deploy.state.ActualApp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

final class FunctionDiff {
    private FunctionDiff() {}

    static void diff(DesiredApp desired, ActualApp actual, Arns arns, Plan.Builder plan, boolean deleteLogs) {
        Set<String> wanted = new HashSet<>();
        for (FunctionTarget f : desired.functions()) {
            wanted.add(f.lambdaName());
            ActualApp.Function existing = actual.functions().get(f.lambdaName());
            if (existing == null) {
                plan.add(Keys.function(f.lambdaName()), new Action.CreateFunction(f), Keys.role(f.roleName()));
            } else {
                if (!f.codeSha256().equals(existing.codeSha256()) || !sameArchitecture(f, existing)) {
                    plan.add(Keys.functionCode(f.lambdaName()), new Action.UpdateFunctionCode(f));
                }
                if (!sameConfiguration(f, existing)) {
                    plan.add(Keys.functionConfig(f.lambdaName()), new Action.UpdateFunctionConfiguration(f),
                            Keys.functionCode(f.lambdaName()), Keys.role(f.roleName()));
                }
                Map<String, String> set = new TreeMap<>();
                f.tags().forEach((k, v) -> {
                    if (!v.equals(existing.tags().get(k))) set.put(k, v);
                });
                Set<String> remove = new TreeSet<>();
                existing.tags().keySet().stream()
                        .filter(k -> !f.tags().containsKey(k) && !k.toLowerCase().startsWith("aws:"))
                        .forEach(remove::add);
                if (!set.isEmpty() || !remove.isEmpty()) {
                    plan.add(Keys.functionTags(f.lambdaName()), new Action.TagFunction(f.lambdaName(), set, remove));
                }
            }
            logRetention(desired, actual, f.lambdaName(), plan);
        }
        for (ActualApp.Function existing : actual.functions().values()) {
            if (wanted.contains(existing.name())) continue;
            List<String> mappingDeletes = existing.mappings().stream().map(m -> Keys.deleteMapping(m.uuid())).toList();
            String[] deps = java.util.stream.Stream.concat(mappingDeletes.stream(),
                    java.util.stream.Stream.of("delete-route:*", "route:*", "delete-integration:*", "delete-authorizer:*",
                            "authorizer:*")).toArray(String[]::new);
            plan.add(Keys.deleteFunction(existing.name()), new Action.DeleteFunction(existing.name()), deps);
            String group = logGroupOf(existing.name());
            if (deleteLogs && actual.logGroups().containsKey(group)) {
                plan.add(Keys.deleteLogGroup(group), new Action.DeleteLogGroup(group), Keys.deleteFunction(existing.name()));
            }
        }
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

    /** Everything UpdateFunctionConfiguration sets, compared with what Lambda reports; the role by name, as its ARN may carry a path. */
    static boolean sameConfiguration(FunctionTarget f, ActualApp.Function a) {
        return f.runtime().equals(a.runtime())
                && f.handler().equals(a.handler())
                && f.memorySize() == a.memorySize()
                && f.timeout() == a.timeout()
                && f.roleName().equals(Arns.lastSegment(a.role()))
                && f.environment().equals(a.environment());
    }

    /** Lambda changes the architecture only with the code (UpdateFunctionCode's Architectures). */
    static boolean sameArchitecture(FunctionTarget f, ActualApp.Function a) {
        return a.architectures().isEmpty() ? "x86_64".equals(f.architecture()) : a.architectures().equals(List.of(f.architecture()));
    }
}
