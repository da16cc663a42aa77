package io.javeze;

import java.util.Locale;

/** The names of the resources a function uses ({@link Uses}), as deploy passes them in the environment. */
public final class Resources {
    private static final String ENV_PREFIX = "JAVEZE_RESOURCE_";

    private Resources() {}

    /**
     * The table, bucket, queue or secret name of a {@code [resources]} key the function declares with {@link Uses}.
     *
     * @throws IllegalStateException when the variable is not set (the function does not use the resource, or was not
     *                               deployed by javeze)
     */
    public static String name(String resource) {
        String variable = envVarName(resource);
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("resource \"" + resource + "\" has no name: environment variable " + variable
                    + " is not set; add @Uses(\"" + resource + "\") to the function and deploy it with javeze deploy");
        }
        return value;
    }

    /**
     * {@code JAVEZE_RESOURCE_} followed by the key in upper case with every character other than A-Z and 0-9
     * replaced by '_' ({@code order-events} → {@code JAVEZE_RESOURCE_ORDER_EVENTS}).
     */
    public static String envVarName(String resource) {
        StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (char c : resource.toUpperCase(Locale.ROOT).toCharArray()) {
            name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return name.toString();
    }
}
