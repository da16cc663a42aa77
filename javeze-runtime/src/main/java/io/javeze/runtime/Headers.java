package io.javeze.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

public final class Headers {
    private Headers() {}

    /** An unmodifiable copy whose lookups ignore case, as HTTP header names do. */
    public static Map<String, String> caseInsensitive(Map<String, String> headers) {
        TreeMap<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) out.putAll(headers);
        return Collections.unmodifiableMap(out);
    }
}
