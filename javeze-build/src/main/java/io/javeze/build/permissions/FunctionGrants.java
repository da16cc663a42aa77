package io.javeze.build.permissions;

import io.javeze.config.AppResource;
import io.javeze.config.JavezeException;
import io.javeze.config.Permissions;
import io.javeze.config.Permissions.IamStatement;
import io.javeze.config.manifest.FunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The IAM statements a function is granted beyond logging, topics and its own queue: each SDK call its code makes,
 * on the resources of that service it declares with {@code @Uses} (never on {@code *}), plus javeze.toml's explicit
 * {@code [[iam.statements]]} and {@code [[functions.NAME.iam.statements]]}. A call that no used resource and no
 * explicit statement covers is not granted: it becomes a warning naming the call site.
 */
public final class FunctionGrants {

    /**
     * One statement of the function's policy.
     *
     * @param sources why it is granted: the call sites of its actions, or {@code javeze.toml:LINE}
     */
    public record Statement(String sid, String effect, List<String> actions, List<String> resources, List<String> sources) {
        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            sources = List.copyOf(sources);
        }
    }

    /** @param warnings one line per call that is not granted */
    public record Result(String function, List<Statement> statements, List<String> warnings) {
        public Result {
            statements = List.copyOf(statements);
            warnings = List.copyOf(warnings);
        }
    }

    private FunctionGrants() {}

    /**
     * @param calls the function's SDK calls, from the package index
     * @param partition ARNs of resources declared by name are in this partition, region and account
     */
    public static Result of(FunctionSpec function, List<AwsCall> calls, Permissions permissions, String partition, String region,
                            String account) {
        List<AppResource> used = new ArrayList<>();
        for (String key : function.uses()) {
            AppResource r = permissions.resources().get(key);
            if (r == null) {
                throw new JavezeException("function " + function.name() + " (" + function.source() + ") uses resource \"" + key
                        + "\", which javeze.toml's [resources] does not declare (any more); declare it or remove it from @Uses");
            }
            used.add(r);
        }
        List<IamStatement> explicit = new ArrayList<>(permissions.statements());
        Permissions.FunctionIam own = permissions.functions().get(function.name());
        if (own != null) explicit.addAll(own.statements());

        List<Statement> statements = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, List<AwsCall>> byService = new TreeMap<>();
        calls.forEach(c -> byService.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(c));
        for (Map.Entry<String, List<AwsCall>> e : byService.entrySet()) {
            String service = e.getKey();
            List<AppResource> targets = used.stream().filter(r -> r.type().equals(service)).toList();
            if (targets.isEmpty()) {
                for (AwsCall call : e.getValue()) {
                    if (covered(call.action(), explicit)) continue;
                    warnings.add("function " + function.name() + ": " + call.action() + " at " + call.site() + " is not granted: "
                            + unscopedReason(service, function.name()));
                }
                continue;
            }
            TreeSet<String> actions = new TreeSet<>();
            TreeSet<String> sites = new TreeSet<>();
            e.getValue().forEach(c -> {
                actions.add(c.action());
                sites.add(c.site());
            });
            for (AppResource r : targets) {
                statements.add(new Statement(sid("Uses", r.key()), "Allow", List.copyOf(actions), r.arns(partition, region, account),
                        List.copyOf(sites)));
            }
        }
        int n = 0;
        for (IamStatement s : explicit) {
            statements.add(new Statement("Declared" + (++n), s.effect(), s.actions(), s.resources(),
                    List.of("javeze.toml:" + s.line())));
        }
        return new Result(function.name(), statements, warnings);
    }

    private static String unscopedReason(String service, String function) {
        if (AppResource.TYPES.contains(service)) {
            return "the function uses no " + service + " resource; declare one in [resources] (type = \"" + service
                    + "\") and add @Uses, or grant it with [[functions." + function + ".iam.statements]]";
        }
        return "javeze cannot scope " + service + " calls to a declared resource; grant the action on the resources it needs"
                + " with [[functions." + function + ".iam.statements]]";
    }

    /** Whether an explicit Allow statement names the action (IAM's wildcards, case-insensitive). */
    private static boolean covered(String action, List<IamStatement> explicit) {
        for (IamStatement s : explicit) {
            if (!s.effect().equals("Allow")) continue;
            for (String pattern : s.actions()) {
                String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches()) return true;
            }
        }
        return false;
    }

    /** IAM statement ids are alphanumeric. */
    private static String sid(String prefix, String key) {
        StringBuilder out = new StringBuilder(prefix);
        boolean upper = true;
        for (char c : key.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT).equals(prefix.toLowerCase(Locale.ROOT)) ? prefix + "Resource" : out.toString();
    }
}
