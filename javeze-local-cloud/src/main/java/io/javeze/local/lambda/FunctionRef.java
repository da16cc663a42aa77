package io.javeze.local.lambda;

import io.javeze.local.http.AwsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A function named as {@code name}, {@code name:qualifier}, a partial ARN or a full (qualified) ARN. */
record FunctionRef(String name, String qualifier) {
    private static final Pattern FORMS = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:\\d{12}:)?(?:function:)?([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    static FunctionRef parse(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null");
        }
        Matcher m = FORMS.matcher(ref);
        if (!m.matches() || ref.length() > 170 || !NAME.matcher(m.group(1)).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + ref + "' at 'functionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
                    + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))? and length <= 64 for a name");
        }
        return new FunctionRef(m.group(1), m.group(2));
    }

    /** The qualifier from the ref, else the one given separately (e.g. the Qualifier query parameter). */
    String qualifierOr(String other) {
        return qualifier != null ? qualifier : other;
    }
}
