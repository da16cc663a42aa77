package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AWS's policy evaluation logic within one account, for identity-based policies (a role's inline and managed
 * policies) and resource-based policies (an SQS queue's policy): a matching explicit {@code Deny} wins, otherwise a
 * matching {@code Allow} is needed, otherwise the request is implicitly denied. A statement matches when its
 * {@code Action}/{@code NotAction}, {@code Resource}/{@code NotResource} (both with {@code *} and {@code ?}; actions
 * ignore case), {@code Principal}/{@code NotPrincipal} (resource policies only) and every {@code Condition} match.
 * A condition the local cloud does not understand fails closed: its {@code Allow} does not apply, its {@code Deny} does.
 */
public final class PolicyEvaluator {
    /** The outcome, as AWS distinguishes it in its error messages. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /**
     * What is asked.
     *
     * @param context condition keys in lower case (e.g. {@code aws:sourcearn}) to their values
     */
    public record Request(String action, String resource, Map<String, List<String>> context) {
        public Request {
            context = Map.copyOf(context);
        }
    }

    /**
     * Who asks, as a resource-based policy's {@code Principal} names it.
     *
     * @param type        {@code AWS} (account, role and session ARNs) or {@code Service} (e.g. {@code sns.amazonaws.com})
     * @param identifiers every name the caller goes by in that type
     */
    public record Principal(String type, List<String> identifiers) {
        public static Principal service(String name) {
            return new Principal("Service", List.of(name));
        }
    }

    private PolicyEvaluator() {}

    /** A policy document, or null when there is none or it is not a JSON object (it then allows nothing). */
    public static JsonNode parse(String document) {
        if (document == null || document.isBlank()) {
            return null;
        }
        try {
            JsonNode doc = io.javeze.local.http.Json.MAPPER.readTree(document);
            return doc != null && doc.isObject() ? doc : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The decision of a caller's identity-based policies. */
    public static Decision identity(List<JsonNode> policies, Request request) {
        Decision decision = Decision.IMPLICIT_DENY;
        for (JsonNode policy : policies) {
            decision = combine(decision, evaluate(policy, null, request));
        }
        return decision;
    }

    /** The decision of a resource-based policy for this principal; a missing or unreadable policy allows nothing. */
    public static Decision resource(JsonNode policy, Principal principal, Request request) {
        return policy == null ? Decision.IMPLICIT_DENY : evaluate(policy, principal, request);
    }

    /** Within one account, either kind of policy may allow; an explicit deny in either wins. */
    public static Decision combine(Decision a, Decision b) {
        if (a == Decision.EXPLICIT_DENY || b == Decision.EXPLICIT_DENY) {
            return Decision.EXPLICIT_DENY;
        }
        return a == Decision.ALLOW || b == Decision.ALLOW ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static Decision evaluate(JsonNode policy, Principal principal, Request request) {
        boolean allowed = false;
        for (JsonNode statement : list(policy.path("Statement"))) {
            String effect = statement.path("Effect").asText();
            boolean deny = effect.equals("Deny");
            if (!deny && !effect.equals("Allow")) {
                continue;
            }
            if (!matches(statement, principal, request, deny)) {
                continue;
            }
            if (deny) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matches(JsonNode statement, Principal principal, Request request, boolean deny) {
        if (!either(statement, "Action", "NotAction", node -> any(node, p -> Wildcards.matches(p, request.action(), true)))) {
            return false;
        }
        boolean resourceNamed = statement.has("Resource") || statement.has("NotResource");
        if (resourceNamed) {
            if (!either(statement, "Resource", "NotResource", node -> any(node, p -> Wildcards.matches(p, request.resource(), false)))) {
                return false;
            }
        } else if (principal == null) {
            return false; // an identity policy's statement without a Resource is invalid and grants nothing
        }
        if (principal != null && !either(statement, "Principal", "NotPrincipal", node -> principalMatches(node, principal))) {
            return false;
        }
        try {
            return PolicyConditions.hold(statement.path("Condition"), request.context());
        } catch (PolicyConditions.UnsupportedCondition e) {
            return deny; // fail closed
        }
    }

    /** The positive element matches, or the negative element is present and does not; neither present → no match. */
    private static boolean either(JsonNode statement, String positive, String negative, Predicate<JsonNode> test) {
        if (statement.has(positive)) {
            return test.test(statement.get(positive));
        }
        if (statement.has(negative)) {
            return !test.test(statement.get(negative));
        }
        return false;
    }

    private static boolean any(JsonNode patterns, Predicate<String> test) {
        for (JsonNode p : list(patterns)) {
            if (test.test(p.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean principalMatches(JsonNode node, Principal principal) {
        if (node.isTextual()) {
            return node.asText().equals("*");
        }
        for (JsonNode p : list(node.path("AWS"))) {
            if (p.asText().equals("*")) {
                return true;
            }
        }
        for (JsonNode p : list(node.path(principal.type()))) {
            String named = p.asText();
            for (String id : principal.identifiers()) {
                if (principal.type().equals("Service") ? named.equalsIgnoreCase(id) : named.equals(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A policy element that is one value or a list of them. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }

    /** Context keys are matched without regard to case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
