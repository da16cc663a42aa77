package io.javeze.runtime;

import io.javeze.HttpException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts path, query, header, cookie and authorizer context text into parameter types. Null stays null;
 * text that does not convert is a 400 naming the parameter and the value.
 */
public final class Convert {
    private Convert() {}

    public static Integer toInteger(String raw, String what) {
        if (raw == null) return null;
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(what, "an integer", raw);
        }
    }

    public static Long toLong(String raw, String what) {
        if (raw == null) return null;
        try {
            return Long.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(what, "an integer", raw);
        }
    }

    public static Double toDouble(String raw, String what) {
        if (raw == null) return null;
        try {
            double value = Double.parseDouble(raw.trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) throw invalid(what, "a finite number", raw);
            return value;
        } catch (NumberFormatException e) {
            throw invalid(what, "a number", raw);
        }
    }

    public static Boolean toBoolean(String raw, String what) {
        if (raw == null) return null;
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true")) return Boolean.TRUE;
        if (value.equals("false")) return Boolean.FALSE;
        throw invalid(what, "true or false", raw);
    }

    public static UUID toUuid(String raw, String what) {
        if (raw == null) return null;
        try {
            String value = raw.trim();
            if (value.length() != 36) throw new IllegalArgumentException();
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(what, "a UUID", raw);
        }
    }

    /** Each text of a repeated parameter converted, in the order sent; null stays null. */
    public static <T> List<T> toList(List<String> raw, Function<String, T> convert) {
        if (raw == null) return null;
        List<T> out = new ArrayList<>(raw.size());
        for (String value : raw) out.add(convert.apply(value));
        return List.copyOf(out);
    }

    /** As {@link #toList}, without repeats, in the order first sent. */
    public static <T> Set<T> toSet(List<String> raw, Function<String, T> convert) {
        if (raw == null) return null;
        Set<T> out = new LinkedHashSet<>();
        for (String value : raw) out.add(convert.apply(value));
        return java.util.Collections.unmodifiableSet(out);
    }

    /** The constant whose name matches exactly, else ignoring case. */
    public static <E extends Enum<E>> E toEnum(Class<E> type, String raw, String what) {
        if (raw == null) return null;
        String value = raw.trim();
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.name().equals(value)) return constant;
        }
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(value)) return constant;
        }
        StringBuilder names = new StringBuilder();
        for (E constant : constants) {
            if (names.length() > 0) names.append(", ");
            names.append(constant.name());
        }
        throw invalid(what, "one of " + names, raw);
    }

    private static HttpException invalid(String what, String expected, String raw) {
        String shown = raw.length() > 100 ? raw.substring(0, 100) + "..." : raw;
        return HttpException.badRequest(what + " must be " + expected + ", got \"" + shown + "\"");
    }
}
