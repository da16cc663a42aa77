package io.javeze.deploy.model;

import io.javeze.config.JavezeException;
import io.javeze.config.Naming;
import io.javeze.config.manifest.AuthorizerSpec;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.RouteSpec;
import io.javeze.config.manifest.TopicSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything deploy relies on in the manifest, checked before the first AWS call, so a hand-edited or stale
 * manifest fails with one line naming the entry and makes no change at all.
 */
public final class ManifestCheck {
    private static final Pattern HANDLER = Pattern.compile("[A-Za-z_$][\\w$.]*(::[A-Za-z_$][\\w$]*)?");
    private static final Pattern METHOD = Pattern.compile("GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY");

    private ManifestCheck() {}

    public static void check(Path file, Manifest m, String service) {
        if (m.version() != Manifest.CURRENT_VERSION) {
            throw error(file, "version " + m.version() + " is not supported (this javeze reads version " + Manifest.CURRENT_VERSION
                    + "); run `javeze build` again");
        }
        Map<String, FunctionSpec> functions = new HashMap<>();
        Set<String> lambdaNames = new HashSet<>();
        for (int i = 0; i < m.functions().size(); i++) {
            FunctionSpec f = m.functions().get(i);
            String at = "functions[" + i + "]";
            if (blank(f.name())) throw error(file, at + ": name is empty");
            if (functions.put(f.name(), f) != null) throw error(file, at + ": function \"" + f.name() + "\" appears twice");
            if (f.kind() == null) throw error(file, at + " (" + f.name() + "): kind is missing");
            if (blank(f.handler()) || !HANDLER.matcher(f.handler()).matches()) {
                throw error(file, at + " (" + f.name() + "): handler \"" + f.handler() + "\" is not a class name with an optional ::method");
            }
            String expected = Naming.lambdaFunctionName(service, f.name());
            if (!expected.equals(f.lambdaName())) {
                throw error(file, at + " (" + f.name() + "): lambdaName \"" + f.lambdaName() + "\" should be \"" + expected + "\"");
            }
            if (!lambdaNames.add(f.lambdaName())) throw error(file, at + ": Lambda name \"" + f.lambdaName() + "\" appears twice");
            if ((f.kind() == FunctionKind.SCHEDULE) != (f.schedule() != null)) {
                throw error(file, at + " (" + f.name() + "): only a @Schedule function has a schedule, and it must have one");
            }
            if (f.schedule() != null) {
                String problem = io.javeze.config.schedule.ScheduleExpression.problem(f.schedule().expression());
                if (problem != null) throw error(file, at + " (" + f.name() + "): schedule expression " + problem);
            }
        }
        Map<String, AuthorizerSpec> authorizers = new HashMap<>();
        for (int i = 0; i < m.authorizers().size(); i++) {
            AuthorizerSpec a = m.authorizers().get(i);
            String at = "authorizers[" + i + "] (" + a.name() + ")";
            FunctionSpec f = functions.get(a.function());
            if (f == null) throw error(file, at + ": function \"" + a.function() + "\" is not in functions");
            if (f.kind() != FunctionKind.AUTH) throw error(file, at + ": function \"" + a.function() + "\" is not an @Auth handler");
            if (authorizers.put(a.name(), a) != null) throw error(file, at + ": authorizer appears twice");
        }
        Set<String> routeKeys = new HashSet<>();
        for (int i = 0; i < m.routes().size(); i++) {
            RouteSpec r = m.routes().get(i);
            String at = "routes[" + i + "] (" + r.routeKey() + ")";
            if (blank(r.method()) || !METHOD.matcher(r.method()).matches()) throw error(file, at + ": method \"" + r.method() + "\" is not an HTTP method");
            if (blank(r.path()) || !r.path().startsWith("/")) throw error(file, at + ": path \"" + r.path() + "\" must start with /");
            if (!(r.method() + " " + r.path()).equals(r.routeKey())) throw error(file, at + ": routeKey should be \"" + r.method() + " " + r.path() + "\"");
            if (!routeKeys.add(r.routeKey())) throw error(file, at + ": route appears twice");
            FunctionSpec f = functions.get(r.function());
            if (f == null) throw error(file, at + ": function \"" + r.function() + "\" is not in functions");
            if (f.kind() != FunctionKind.ROUTE) throw error(file, at + ": function \"" + r.function() + "\" is not a @Route handler");
            if (r.authorizer() != null && !authorizers.containsKey(r.authorizer())) {
                throw error(file, at + ": authorizer \"" + r.authorizer() + "\" is not in authorizers");
            }
        }
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < m.topics().size(); i++) {
            TopicSpec t = m.topics().get(i);
            String at = "topics[" + i + "] (" + t.name() + ")";
            if (blank(t.name())) throw error(file, "topics[" + i + "]: name is empty");
            if (!topics.add(t.name())) throw error(file, at + ": topic appears twice");
            for (TopicSpec.SubscriberSpec s : t.subscribers()) {
                FunctionSpec f = functions.get(s.function());
                if (f == null) throw error(file, at + ": subscriber \"" + s.function() + "\" is not in functions");
                if (f.kind() != FunctionKind.SUBSCRIBER) throw error(file, at + ": subscriber \"" + s.function() + "\" is not a @Subscriber");
            }
            for (String p : t.publishers()) {
                if (!functions.containsKey(p)) throw error(file, at + ": publisher \"" + p + "\" is not in functions");
            }
        }
        for (FunctionSpec f : m.functions()) {
            for (String t : f.publishes()) {
                if (!topics.contains(t)) throw error(file, "function " + f.name() + " publishes to topic \"" + t + "\", which is not in topics");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static JavezeException error(Path file, String problem) {
        return new JavezeException(file + ": " + problem + "; run `javeze build` to regenerate the manifest");
    }
}
