package io.javeze.processor;

import io.javeze.Topics;
import io.javeze.config.manifest.FunctionKind;
import io.javeze.processor.Model.Function;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Checks that need the whole application: unique names and routes, authorizer references, topic names. */
final class AppValidator {
    private final Problems problems;
    private final Elements elements;

    AppValidator(Problems problems, Elements elements) {
        this.problems = problems;
        this.elements = elements;
    }

    /** Reports duplicate function names and route keys; returns the functions that clash with none seen before. */
    List<Function> unique(List<Function> known, List<Function> added) {
        Map<String, Function> names = new HashMap<>();
        Map<String, Function> generated = new HashMap<>();
        Map<String, Function> routes = new HashMap<>();
        for (Function f : known) {
            names.put(f.name(), f);
            generated.put(f.generatedClass(), f);
            if (f.route() != null) routes.put(routeShape(f), f);
        }
        List<Function> accepted = new ArrayList<>();
        for (Function f : added) {
            Function sameName = names.get(f.name());
            Function sameClass = generated.get(f.generatedClass());
            Function sameRoute = f.route() == null ? null : routes.get(routeShape(f));
            if (sameName != null) {
                problems.error(f.method(), f.annotation(), "duplicate function name \"" + f.name() + "\": " + sameName.source()
                        + " has it too; give one of them another name with name = \"...\"");
            } else if (sameClass != null) {
                problems.error(f.method(), f.annotation(), "function \"" + f.name() + "\" would generate " + f.generatedClass()
                        + ", as function \"" + sameClass.name() + "\" (" + sameClass.source() + ") does; rename one of them");
            } else if (sameRoute != null) {
                problems.error(f.method(), f.annotation(), "duplicate route " + f.route().routeKey() + ": "
                        + sameRoute.source() + " already serves " + sameRoute.route().routeKey());
            } else {
                names.put(f.name(), f);
                generated.put(f.generatedClass(), f);
                if (f.route() != null) routes.put(routeShape(f), f);
                accepted.add(f);
            }
        }
        return accepted;
    }

    /**
     * Resolves each protected route's authorizer name; reports references to no handler, ambiguous {@code auth = true},
     * authorizer context parameters on open routes, and topic names that share an environment variable.
     *
     * @param otherAuthorizers @Auth functions of classes not compiled in this run (an incremental compile)
     * @return route function name → authorizer name (routes without one are absent)
     */
    Map<String, String> resolveAuthorizers(List<Function> functions, List<String> otherAuthorizers) {
        List<String> authorizers = java.util.stream.Stream.concat(otherAuthorizers.stream(),
                functions.stream().filter(f -> f.kind() == FunctionKind.AUTH).map(Function::name)).sorted().distinct().toList();
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Function f : functions) {
            if (f.route() == null) continue;
            String reference = f.route().authorizerRef();
            if (!reference.isEmpty()) {
                if (authorizers.contains(reference)) {
                    resolved.put(f.name(), reference);
                } else {
                    error(f, "authorizer \"" + reference + "\" is no @Auth handler"
                            + (authorizers.isEmpty() ? "; the project has none" : "; the project has " + authorizers));
                }
            } else if (f.route().auth()) {
                if (authorizers.size() == 1) {
                    resolved.put(f.name(), authorizers.get(0));
                } else if (authorizers.isEmpty()) {
                    error(f, "auth = true but the project has no @Auth handler");
                } else {
                    error(f, "auth = true is ambiguous: the project has several @Auth handlers "
                            + authorizers + "; choose one with authorizer = \"" + authorizers.get(0) + "\"");
                }
            } else if (f.route().authContext()) {
                error(f, "@AuthContext parameters need a protected route; add auth = true or authorizer = \"...\"");
            }
        }
        Map<String, String> topicByVariable = new TreeMap<>();
        for (Function f : functions) {
            List<String> topics = new ArrayList<>(f.publishes());
            if (f.subscription() != null) topics.add(f.subscription().topic());
            for (String topic : topics) {
                String other = topicByVariable.putIfAbsent(Topics.envVarName(topic), topic);
                if (other != null && !other.equals(topic)) {
                    error(f, "topic \"" + topic + "\" and topic \"" + other
                            + "\" would share the environment variable " + Topics.envVarName(topic) + "; rename one of them");
                }
            }
        }
        return resolved;
    }

    /**
     * Reports on the function's method. After generated sources start a new round javac has new elements, and the
     * old ones no longer carry positions, so the method and its annotation are looked up again by name.
     */
    private void error(Function f, String message) {
        TypeElement owner = elements.getTypeElement(f.owner().getQualifiedName());
        ExecutableElement method = owner == null ? null : ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(m -> m.toString().equals(f.method().toString())).findFirst().orElse(null);
        if (method == null) {
            problems.error(f.method(), f.annotation(), message);
            return;
        }
        String annotation = ((TypeElement) f.annotation().getAnnotationType().asElement()).getQualifiedName().toString();
        problems.error(method, MethodAnalyzer.mirror(method, annotation), message);
    }

    private static String routeShape(Function f) {
        return f.route().method() + " " + f.route().path().shape();
    }
}
