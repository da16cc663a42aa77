package io.javeze.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Parses and validates {@code javeze.toml}; every error names the file, the line and the key. */
final class ConfigLoader {
    static final int DEFAULT_MEMORY = 512;
    static final int DEFAULT_TIMEOUT = 30;
    static final String DEFAULT_RUNTIME = "java21";
    static final String DEFAULT_ARCHITECTURE = "x86_64";
    static final String DEFAULT_STAGE = "prod";

    private static final Set<String> TOP_KEYS = Set.of("service_name", "deployment", "lambda");
    private static final Set<String> DEPLOYMENT_KEYS = Set.of("provider", "region", "type", "stage");
    private static final Set<String> LAMBDA_KEYS = Set.of(
            "memory_size", "timeout", "runtime", "architecture", "environment", "tags", "log_retention_days");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,39}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern STAGE = Pattern.compile("[a-zA-Z0-9_-]{1,128}");
    private static final Pattern RUNTIME = Pattern.compile("java(8\\.al2|11|17|21|25)|provided\\.al2(023)?");
    private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    /** Reserved by Lambda: setting them fails CreateFunction. */
    private static final Set<String> RESERVED_ENV = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final Set<Integer> RETENTION_DAYS = Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private ConfigLoader() {}

    static JavezeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JavezeException(file + ": not found; a javeze project needs a javeze.toml with at least service_name");
        } catch (IOException e) {
            throw new JavezeException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    static JavezeConfig parse(Path file, String text) {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new JavezeException(file + ":" + error.position().line() + ": invalid TOML: " + error.getMessage());
        }
        Reader r = new Reader(file, toml);
        r.unknownKeys(toml, "", TOP_KEYS);

        String service = r.requiredString("service_name");
        if (!SERVICE_NAME.matcher(service).matches()) {
            throw r.error("service_name", "must start with a letter and use only letters, digits and '-' (at most 40), got \"" + service + "\"");
        }

        TomlTable dep = r.table("deployment");
        if (dep != null) r.unknownKeys(dep, "deployment.", DEPLOYMENT_KEYS);
        String provider = r.string("deployment.provider", "aws");
        if (!provider.equals("aws")) throw r.error("deployment.provider", "must be \"aws\", got \"" + provider + "\"");
        String type = r.string("deployment.type", "lambda");
        if (!type.equals("lambda")) throw r.error("deployment.type", "must be \"lambda\", got \"" + type + "\"");
        String region = r.string("deployment.region", null);
        if (region != null && !REGION.matcher(region).matches()) {
            throw r.error("deployment.region", "is not an AWS region name like \"us-east-1\", got \"" + region + "\"");
        }
        String stage = r.string("deployment.stage", DEFAULT_STAGE);
        if (!STAGE.matcher(stage).matches()) {
            throw r.error("deployment.stage", "must be 1-128 letters, digits, '-' or '_', got \"" + stage + "\"");
        }

        TomlTable lambda = r.table("lambda");
        if (lambda != null) r.unknownKeys(lambda, "lambda.", LAMBDA_KEYS);
        int memory = r.intInRange("lambda.memory_size", DEFAULT_MEMORY, 128, 10240);
        int timeout = r.intInRange("lambda.timeout", DEFAULT_TIMEOUT, 1, 900);
        String runtime = r.string("lambda.runtime", DEFAULT_RUNTIME);
        if (!RUNTIME.matcher(runtime).matches()) {
            throw r.error("lambda.runtime", "must be a Java Lambda runtime (java17, java21, java25, ...) or provided.al2023, got \"" + runtime + "\"");
        }
        String arch = r.string("lambda.architecture", DEFAULT_ARCHITECTURE);
        if (!arch.equals("x86_64") && !arch.equals("arm64")) {
            throw r.error("lambda.architecture", "must be \"x86_64\" or \"arm64\", got \"" + arch + "\"");
        }
        Map<String, String> env = r.stringMap("lambda.environment");
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw r.error("lambda.environment", "variable name \"" + name + "\" must start with a letter and use letters, digits and '_'");
            }
            if (RESERVED_ENV.contains(name)) {
                throw r.error("lambda.environment", "variable \"" + name + "\" is reserved by Lambda");
            }
        }
        Map<String, String> tags = r.stringMap("lambda.tags");
        for (String key : tags.keySet()) {
            if (key.isEmpty() || key.length() > 128 || key.toLowerCase().startsWith("aws:")) {
                throw r.error("lambda.tags", "tag key \"" + key + "\" must be 1-128 characters and not start with \"aws:\"");
            }
        }
        Integer retention = null;
        if (toml.contains("lambda.log_retention_days")) {
            retention = r.intInRange("lambda.log_retention_days", 0, 1, 3653);
            if (!RETENTION_DAYS.contains(retention)) {
                throw r.error("lambda.log_retention_days", "must be one of CloudWatch Logs' values " + RETENTION_DAYS.stream().sorted().toList() + ", got " + retention);
            }
        }
        return new JavezeConfig(file, service,
                new JavezeConfig.Deployment(provider, region, type, stage),
                new JavezeConfig.LambdaDefaults(memory, timeout, runtime, arch, env, tags, retention));
    }

    /** Typed access to the parsed document that turns every mismatch into a line-numbered error. */
    private record Reader(Path file, TomlParseResult toml) {

        JavezeException error(String key, String problem) {
            TomlPosition pos = toml.inputPositionOf(key);
            String where = pos == null ? file.toString() : file + ":" + pos.line();
            return new JavezeException(where + ": " + displayKey(key) + " " + problem);
        }

        private static String displayKey(String dotted) {
            int dot = dotted.indexOf('.');
            return dot < 0 ? dotted : "[" + dotted.substring(0, dot) + "] " + dotted.substring(dot + 1);
        }

        void unknownKeys(TomlTable table, String prefix, Set<String> known) {
            for (String key : table.keySet()) {
                if (!known.contains(key)) {
                    throw error(prefix + key, "is not a known key (expected one of " + known.stream().sorted().toList() + ")");
                }
            }
        }

        TomlTable table(String key) {
            if (!toml.contains(key)) return null;
            if (!toml.isTable(key)) throw error(key, "must be a table");
            return toml.getTable(key);
        }

        String requiredString(String key) {
            if (!toml.contains(key)) {
                throw new JavezeException(file + ": missing required key " + displayKey(key));
            }
            return string(key, null);
        }

        String string(String key, String fallback) {
            if (!toml.contains(key)) return fallback;
            if (!toml.isString(key)) throw error(key, "must be a string, got " + typeName(toml.get(key)));
            return toml.getString(key);
        }

        int intInRange(String key, int fallback, int min, int max) {
            if (!toml.contains(key)) return fallback;
            if (!toml.isLong(key)) throw error(key, "must be an integer between " + min + " and " + max + ", got " + typeName(toml.get(key)));
            long v = toml.getLong(key);
            if (v < min || v > max) throw error(key, "must be between " + min + " and " + max + ", got " + v);
            return (int) v;
        }

        Map<String, String> stringMap(String key) {
            if (!toml.contains(key)) return Map.of();
            if (!toml.isTable(key)) throw error(key, "must be a table of string values");
            TomlTable table = toml.getTable(key);
            Map<String, String> out = new LinkedHashMap<>();
            for (String k : table.keySet()) {
                Object v = table.get(List.of(k));
                if (!(v instanceof String s)) {
                    throw error(key, "value of \"" + k + "\" must be a string, got " + typeName(v));
                }
                out.put(k, s);
            }
            return out;
        }

        private static String typeName(Object v) {
            if (v instanceof String) return "a string";
            if (v instanceof Long) return "an integer";
            if (v instanceof Double) return "a float";
            if (v instanceof Boolean) return "a boolean";
            if (v instanceof TomlTable) return "a table";
            if (v instanceof org.tomlj.TomlArray) return "an array";
            return "a " + v.getClass().getSimpleName();
        }
    }
}
