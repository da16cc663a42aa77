package io.javeze.processor;

import io.javeze.Uses;
import io.javeze.config.AppResource;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.processor.Model.Function;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * {@code @Uses} on a function's method and its class: checks every key is declared in javeze.toml's
 * {@code [resources]} (an error on the annotation otherwise) and records the keys in the manifest.
 */
final class UsesAnalyzer {
    private static final String USES = "io.javeze.Uses";

    private UsesAnalyzer() {}

    /** The resources of each function, checked against {@code declared} (null: no javeze.toml, nothing to check). */
    static void collect(List<Function> functions, Map<String, AppResource> declared, Problems problems, Map<String, List<String>> into) {
        for (Function f : functions) into.put(f.name(), uses(f, declared, problems));
    }

    /** The manifest with each compiled function's resources; kept functions (incremental compile) keep theirs. */
    static Manifest apply(Manifest manifest, Map<String, List<String>> usesByName) {
        List<FunctionSpec> specs = manifest.functions().stream()
                .map(spec -> usesByName.containsKey(spec.name()) ? spec.withUses(usesByName.get(spec.name())) : spec)
                .toList();
        return manifest.withFunctions(specs);
    }

    private static List<String> uses(Function f, Map<String, AppResource> declared, Problems problems) {
        TreeSet<String> keys = new TreeSet<>();
        check(f.owner(), declared, problems, keys);
        check(f.method(), declared, problems, keys);
        return List.copyOf(keys);
    }

    private static void check(Element element, Map<String, AppResource> declared, Problems problems, TreeSet<String> keys) {
        Uses uses = element.getAnnotation(Uses.class);
        if (uses == null) return;
        AnnotationMirror mirror = element.getAnnotationMirrors().stream()
                .filter(m -> m.getAnnotationType().toString().equals(USES)).findFirst().orElse(null);
        if (uses.value().length == 0) {
            problems.error(element, mirror, "@Uses names no resource; name keys of javeze.toml's [resources]");
        }
        for (String key : uses.value()) {
            if (declared != null && !declared.containsKey(key)) {
                problems.error(element, mirror, "@Uses names resource \"" + key + "\", which javeze.toml's [resources] does not declare"
                        + (declared.isEmpty() ? " (it declares none; add e.g. " + key + " = { type = \"dynamodb\", name = \"" + key + "\" })"
                                : " (it declares " + declared.keySet() + ")"));
            } else {
                keys.add(key);
            }
        }
    }
}
