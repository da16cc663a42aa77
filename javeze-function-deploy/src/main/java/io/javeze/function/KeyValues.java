package io.javeze.function;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code K=V,K2=V2}, repeated {@code K=V} and {@code KEY=VALUE} files, naming the flag (or file line) at fault. */
final class KeyValues {
    private KeyValues() {}

    /** {@code K=V,K2=V2}: values cannot contain commas (use the repeated flag for that). */
    static Map<String, String> commaSeparated(String text, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            throw new JavezeException(flag + ": expected KEY=VALUE[,KEY=VALUE...], got an empty value");
        }
        for (String pair : text.split(",", -1)) {
            put(out, pair.trim(), flag);
        }
        return out;
    }

    /** Each item is one {@code K=V}; the value is everything after the first '=' and may contain commas. */
    static Map<String, String> repeated(List<String> items, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            put(out, item, flag);
        }
        return out;
    }

    /** KEY=VALUE lines; blank lines and lines starting with '#' are skipped; values may be quoted. */
    static Map<String, String> file(Path file, String flag) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JavezeException(flag + ": cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new JavezeException(file + ":" + (i + 1) + ": expected KEY=VALUE, got \"" + line + "\"");
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new JavezeException(file + ":" + (i + 1) + ": \"" + key + "\" is not a valid variable name");
            }
            out.put(key, value);
        }
        return out;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static void put(Map<String, String> out, String pair, String flag) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new JavezeException(flag + ": expected KEY=VALUE, got \"" + pair + "\"");
        }
        String key = pair.substring(0, eq).trim();
        if (out.put(key, pair.substring(eq + 1)) != null) {
            throw new JavezeException(flag + ": \"" + key + "\" is given twice");
        }
    }
}
