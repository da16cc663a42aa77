package io.javeze.maven;

import io.javeze.config.JavezeException;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * The {@code javeze.*} properties the plugin's goals read, taken from its own descriptor so the list cannot drift
 * from the parameters. A {@code javeze.*} property outside it is a typo: an error naming the closest known one.
 */
final class KnownProperties {
    /** Not a parameter: the conventional property holding the plugin's own version in a POM. */
    private static final String VERSION = "javeze.version";

    private final Set<String> names;

    KnownProperties(Set<String> names) {
        this.names = names;
    }

    static KnownProperties of(PluginDescriptor plugin) {
        Set<String> names = new TreeSet<>();
        for (MojoDescriptor mojo : plugin.getMojos()) {
            if (mojo.getParameters() == null) {
                continue;
            }
            for (Parameter p : mojo.getParameters()) {
                String expression = p.getExpression();
                if (expression != null && expression.startsWith("${javeze.") && expression.endsWith("}")) {
                    names.add(expression.substring(2, expression.length() - 1));
                } else if (p.isEditable() && expression == null) {
                    // maps (env, tags) cannot take a Maven property; their -D form is read by the goal itself
                    names.add("javeze." + p.getName());
                }
            }
        }
        return new KnownProperties(names);
    }

    Set<String> names() {
        return names;
    }

    /** @throws JavezeException for the first unknown {@code javeze.*} property, command line first */
    void check(Properties userProperties, Properties projectProperties) {
        check(userProperties, "-D");
        check(projectProperties, "the POM's <properties>");
    }

    private void check(Properties properties, String where) {
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith("javeze.") && !names.contains(key) && !key.equals(VERSION)) {
                String closest = closest(key);
                throw new JavezeException("unknown property " + key + " (" + where + ")"
                        + (closest != null ? "; did you mean " + closest + "?" : "; known: " + String.join(", ", names)));
            }
        }
    }

    /** The known name fewest edits away, if it is close enough to be a likely typo. */
    String closest(String key) {
        String best = names.stream().min(Comparator.comparingInt(n -> distance(key, n))).orElse(null);
        return best != null && distance(key, best) <= Math.max(3, key.length() / 3) ? best : null;
    }

    /** Levenshtein distance, case-insensitive (javeze.endpointurl is meant as javeze.endpointUrl). */
    static int distance(String a, String b) {
        a = a.toLowerCase();
        b = b.toLowerCase();
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
