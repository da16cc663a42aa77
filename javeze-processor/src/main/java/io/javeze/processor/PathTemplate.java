package io.javeze.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An API Gateway HTTP API route path: {@code /users/{id}/files/{path+}}. */
record PathTemplate(String path, List<String> variables) {
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\+?)}");

    /** Parses a path; a malformed one throws {@link IllegalArgumentException} with the reason. */
    static PathTemplate parse(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        List<String> variables = new ArrayList<>();
        if (path.equals("/")) return new PathTemplate(path, variables);
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(i == segments.length - 1
                        ? "must not end with '/'" : "has an empty segment ('//')");
            }
            var variable = VARIABLE.matcher(segment);
            if (variable.matches()) {
                String name = variable.group(1);
                if (!variable.group(2).isEmpty() && i != segments.length - 1) {
                    throw new IllegalArgumentException("greedy variable {" + name + "+} must be the last segment");
                }
                if (variables.contains(name)) {
                    throw new IllegalArgumentException("uses variable {" + name + "} twice");
                }
                variables.add(name);
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("segment \"" + segment
                        + "\" must be a literal or a whole variable like {name} (letters, digits, '_')");
            } else if (!LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("segment \"" + segment + "\" has characters not allowed in a URL path");
            }
        }
        return new PathTemplate(path, List.copyOf(variables));
    }

    /** The path with variable names erased, so {@code /a/{x}} and {@code /a/{y}} compare equal as API Gateway sees them. */
    String shape() {
        return VARIABLE.matcher(path).replaceAll(m -> m.group(2).isEmpty() ? "{}" : "{+}");
    }
}
