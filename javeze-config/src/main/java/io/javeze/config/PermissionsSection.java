package io.javeze.config;

import io.javeze.config.Permissions.FunctionIam;
import io.javeze.config.Permissions.IamStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads {@code [resources]}, {@code [[iam.statements]]} and {@code [functions.NAME.iam]} with line-numbered errors. */
final class PermissionsSection {
    static final Set<String> RESOURCE_KEYS = Set.of("type", "name", "arn");
    static final Set<String> IAM_KEYS = Set.of("statements");
    static final Set<String> STATEMENT_KEYS = Set.of("effect", "actions", "resources");

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Pattern ARN_PATTERN = Pattern.compile("\\*|arn:[a-z*-]+:[a-z0-9*-]+:[a-z0-9*?-]*:[0-9*?]*:.+");
    private static final Map<String, Pattern> NAMES = Map.of(
            "dynamodb", Pattern.compile("[A-Za-z0-9_.-]{3,255}"),
            "s3", Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
            "sqs", Pattern.compile("[A-Za-z0-9_-]{1,75}(\\.fifo)?|[A-Za-z0-9_-]{1,80}"),
            "secretsmanager", Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}"));
    private static final Map<String, String> NAME_RULES = Map.of(
            "dynamodb", "3-255 letters, digits, '_', '-' or '.'",
            "s3", "3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit",
            "sqs", "1-80 letters, digits, '-' or '_' (a FIFO queue ends in .fifo)",
            "secretsmanager", "1-512 letters, digits or /_+=.@-");
    /** The resource's name is the group named {@code name}. */
    private static final Map<String, Pattern> ARNS = Map.of(
            "dynamodb", Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/(?<name>[A-Za-z0-9_.-]{3,255})"),
            "s3", Pattern.compile("arn:aws[a-z-]*:s3:::(?<name>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])"),
            "sqs", Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:(?<name>[A-Za-z0-9_.-]{1,80})"),
            "secretsmanager", Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:(?<name>[A-Za-z0-9/_+=.@-]+)-[A-Za-z0-9]{6}"));
    private static final Map<String, String> ARN_EXAMPLES = Map.of(
            "dynamodb", "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
            "s3", "arn:aws:s3:::my-bucket",
            "sqs", "arn:aws:sqs:us-east-1:123456789012:jobs",
            "secretsmanager", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf");

    private PermissionsSection() {}

    static Permissions read(ConfigLoader.Reader r) {
        Map<String, AppResource> resources = resources(r);
        List<IamStatement> statements = List.of();
        TomlTable iam = r.table("iam");
        if (iam != null) {
            r.unknownKeys(iam, List.of("iam"), IAM_KEYS);
            statements = statements(r, List.of("iam", "statements"), "[[iam.statements]]");
        }
        Map<String, FunctionIam> functions = new TreeMap<>();
        TomlTable fns = r.table("functions");
        if (fns != null) {
            for (String name : fns.keySet()) {
                List<String> path = List.of("functions", name);
                if (!fns.isTable(List.of(name))) throw r.error(path, "must be a table, e.g. [functions." + name + "]");
                TomlTable fn = fns.getTable(List.of(name));
                r.unknownKeys(fn, path, ConfigLoader.FUNCTION_KEYS);
                if (!fn.contains(List.of("iam"))) continue;
                List<String> iamPath = List.of("functions", name, "iam");
                if (!fn.isTable(List.of("iam"))) throw r.error(iamPath, "must be a table holding [[functions." + name + ".iam.statements]]");
                r.unknownKeys(fn.getTable(List.of("iam")), iamPath, IAM_KEYS);
                List<IamStatement> own = statements(r, List.of("functions", name, "iam", "statements"),
                        "[[functions." + name + ".iam.statements]]");
                functions.put(name, new FunctionIam(name, own, line(r, path)));
            }
        }
        return new Permissions(resources, statements, functions);
    }

    private static Map<String, AppResource> resources(ConfigLoader.Reader r) {
        Map<String, AppResource> out = new LinkedHashMap<>();
        TomlTable table = r.table("resources");
        if (table == null) return out;
        for (String key : table.keySet()) {
            List<String> path = List.of("resources", key);
            if (!KEY.matcher(key).matches()) {
                throw r.error(path, "must start with a letter and use only letters, digits, '-' and '_' (at most 64)");
            }
            if (!table.isTable(List.of(key))) {
                throw r.error(path, "must be a table like { type = \"dynamodb\", name = \"orders\" }");
            }
            TomlTable res = table.getTable(List.of(key));
            r.unknownKeys(res, path, RESOURCE_KEYS);
            String type = string(r, res, path, "type");
            if (type == null) throw r.error(path, "needs type, one of " + AppResource.TYPES);
            if (!AppResource.TYPES.contains(type)) throw r.error(child(path, "type"), "must be one of " + AppResource.TYPES + ", got \"" + type + "\"");
            String name = string(r, res, path, "name");
            String arn = string(r, res, path, "arn");
            if ((name == null) == (arn == null)) {
                throw r.error(path, "needs exactly one of name (\"orders\") and arn (\"" + ARN_EXAMPLES.get(type) + "\")");
            }
            if (name != null && !NAMES.get(type).matcher(name).matches()) {
                throw r.error(child(path, "name"), "is not a valid " + type + " name (" + NAME_RULES.get(type) + "), got \"" + name + "\"");
            }
            if (arn != null) {
                Matcher m = ARNS.get(type).matcher(arn);
                if (!m.matches()) {
                    throw r.error(child(path, "arn"), "is not the ARN of a " + type + " resource like \"" + ARN_EXAMPLES.get(type)
                            + "\", got \"" + arn + "\"");
                }
                name = m.group("name");
            }
            out.put(key, new AppResource(key, type, name, arn, line(r, path)));
        }
        return out;
    }

    private static List<IamStatement> statements(ConfigLoader.Reader r, List<String> path, String display) {
        if (!r.toml().contains(path)) return List.of();
        if (!r.toml().isArray(path) || !(r.toml().get(path) instanceof TomlArray array) || !allTables(array)) {
            throw r.error(path, "must be an array of tables: write each statement as " + display);
        }
        List<IamStatement> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            TomlTable s = array.getTable(i);
            String where = display + " #" + (i + 1);
            int line = s.isEmpty() ? line(r, path) : firstLine(s);
            for (String key : s.keySet()) {
                if (!STATEMENT_KEYS.contains(key)) {
                    throw at(r, s, key, where, key + " is not a known key (expected one of " + STATEMENT_KEYS.stream().sorted().toList() + ")");
                }
            }
            String effect = "Allow";
            if (s.contains(List.of("effect"))) {
                Object v = s.get(List.of("effect"));
                if (!"Allow".equals(v) && !"Deny".equals(v)) throw at(r, s, "effect", where, "effect must be \"Allow\" or \"Deny\", got " + v);
                effect = (String) v;
            }
            List<String> actions = strings(r, s, "actions", where, line);
            for (String a : actions) {
                if (a.equals("*")) {
                    throw at(r, s, "actions", where, "actions must name actions of a service (\"s3:GetObject\", \"s3:Get*\"); javeze never grants \"*\"");
                }
                if (!ACTION.matcher(a).matches()) {
                    throw at(r, s, "actions", where, "actions entries must look like \"service:Action\", got \"" + a + "\"");
                }
            }
            List<String> resources = strings(r, s, "resources", where, line);
            for (String res : resources) {
                if (!ARN_PATTERN.matcher(res).matches()) {
                    throw at(r, s, "resources", where, "resources entries must be ARNs (\"arn:aws:s3:::my-bucket/*\") or \"*\", got \"" + res + "\"");
                }
            }
            out.add(new IamStatement(effect, actions, resources, line));
        }
        return out;
    }

    private static boolean allTables(TomlArray array) {
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof TomlTable)) return false;
        }
        return true;
    }

    private static List<String> strings(ConfigLoader.Reader r, TomlTable s, String key, String where, int line) {
        if (!s.contains(List.of(key))) {
            throw new JavezeException(r.file() + ":" + line + ": " + where + " needs " + key + ", a non-empty array of strings");
        }
        Object v = s.get(List.of(key));
        if (!(v instanceof TomlArray array) || array.isEmpty()) throw at(r, s, key, where, key + " must be a non-empty array of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String str)) throw at(r, s, key, where, key + " entries must be strings");
            out.add(str);
        }
        return out;
    }

    private static String string(ConfigLoader.Reader r, TomlTable table, List<String> path, String key) {
        if (!table.contains(List.of(key))) return null;
        if (!(table.get(List.of(key)) instanceof String s)) throw r.error(child(path, key), "must be a string");
        return s;
    }

    private static JavezeException at(ConfigLoader.Reader r, TomlTable table, String key, String where, String problem) {
        TomlPosition pos = table.inputPositionOf(List.of(key));
        return new JavezeException(r.file() + ":" + (pos == null ? 1 : pos.line()) + ": " + where + " " + problem);
    }

    private static int firstLine(TomlTable table) {
        return table.keySet().stream().map(k -> table.inputPositionOf(List.of(k))).filter(p -> p != null)
                .mapToInt(TomlPosition::line).min().orElse(1);
    }

    private static int line(ConfigLoader.Reader r, List<String> path) {
        TomlPosition pos = r.toml().inputPositionOf(path);
        return pos == null ? 1 : pos.line();
    }

    private static List<String> child(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
