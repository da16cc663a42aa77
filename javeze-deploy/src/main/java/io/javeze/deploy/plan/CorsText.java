package io.javeze.deploy.plan;

import io.javeze.config.HttpCors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** CORS configurations compared as API Gateway applies them, and described for the plan. */
final class CorsText {
    private CorsText() {}

    /** The same configuration: lists as sets (origins and headers are case-insensitive, methods upper case). */
    static boolean same(HttpCors a, HttpCors b) {
        if (a == null || b == null) return a == b;
        return lower(a.allowOrigins()).equals(lower(b.allowOrigins()))
                && upper(a.allowMethods()).equals(upper(b.allowMethods()))
                && lower(a.allowHeaders()).equals(lower(b.allowHeaders()))
                && lower(a.exposeHeaders()).equals(lower(b.exposeHeaders()))
                && a.allowCredentials() == b.allowCredentials()
                && java.util.Objects.equals(a.maxAge(), b.maxAge());
    }

    static String of(HttpCors c) {
        List<String> parts = new ArrayList<>();
        parts.add("origins " + String.join(", ", c.allowOrigins()));
        if (!c.allowMethods().isEmpty()) parts.add("methods " + String.join(", ", c.allowMethods()));
        if (!c.allowHeaders().isEmpty()) parts.add("headers " + String.join(", ", c.allowHeaders()));
        if (!c.exposeHeaders().isEmpty()) parts.add("exposed " + String.join(", ", c.exposeHeaders()));
        if (c.allowCredentials()) parts.add("credentials");
        if (c.maxAge() != null) parts.add("max age " + c.maxAge() + " s");
        return String.join("; ", parts);
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static Set<String> upper(List<String> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.toUpperCase(Locale.ROOT)));
        return out;
    }
}
