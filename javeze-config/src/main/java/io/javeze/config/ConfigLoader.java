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
    static final int DEFAULT_KEEP_VERSIONS = 3;

    private static final Set<String> TOP_KEYS = Set.of(
            "service_name", "deployment", "lambda", "http", "resources", "iam", "functions");
    /** Keys of a {@code [functions.NAME]} table: its environment here, its {@code iam} in {@link PermissionsSection}. */
    static final Set<String> FUNCTION_KEYS = Set.of("environment", "iam");
    private static final Set<String> HTTP_KEYS = Set.of("cors", "openapi");
    private static final Set<String> CORS_KEYS = Set.of(
            "allow_origins", "allow_methods", "allow_headers", "expose_headers", "allow_credentials", "max_age");
    /** An exact origin (scheme, host, optional port; no path), or API Gateway's wildcards. */
    private static final Pattern CORS_ORIGIN = Pattern.compile("\\*|https?://\\*|https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final Set<String> CORS_METHODS = Set.of("*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern HEADER_NAME = Pattern.compile("\\*|[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> DEPLOYMENT_KEYS = Set.of("provider", "region", "type", "stage", "keep_versions");
    private static final Set<String> LAMBDA_KEYS = Set.of(
            "memory_size", "timeout", "runtime", "architecture", "environment", "tags", "log_retention_days",
            "dependency_layer", "snap_start");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern RUNTIME = Pattern.compile("java(8\\.al2|11|17|21|25)|provided\\.al2(023)?");
    private static final Pattern ENV_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
    /** Reserved by Lambda: setting them fails CreateFunction. */
    private static final Set<String> RESERVED_ENV = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    private static final int MAX_ENV_BYTES = 4096;
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
        r.unknownKeys(toml, List.of(), TOP_KEYS);

        String service = r.requiredString("service_name");
        String serviceProblem = Naming.serviceNameProblem(service);
        if (serviceProblem != null) {
            throw r.error("service_name", serviceProblem);
        }

        TomlTable dep = r.table("deployment");
        if (dep != null) r.unknownKeys(dep, List.of("deployment"), DEPLOYMENT_KEYS);
        String provider = r.string("deployment.provider", "aws");
        if (!provider.equals("aws")) throw r.error("deployment.provider", "must be \"aws\", got \"" + provider + "\"");
        String type = r.string("deployment.type", "lambda");
        if (!type.equals("lambda")) throw r.error("deployment.type", "must be \"lambda\", got \"" + type + "\"");
        String region = r.string("deployment.region", null);
        if (region != null && !REGION.matcher(region).matches()) {
            throw r.error("deployment.region", "is not an AWS region name like \"us-east-1\", got \"" + region + "\"");
        }
        String stage = r.string("deployment.stage", DEFAULT_STAGE);
        String stageProblem = Stages.problem(service, stage);
        if (stageProblem != null) {
            throw r.error("deployment.stage", stageProblem);
        }
        int keepVersions = r.intInRange("deployment.keep_versions", DEFAULT_KEEP_VERSIONS, 1, 100);

        TomlTable lambda = r.table("lambda");
        if (lambda != null) r.unknownKeys(lambda, List.of("lambda"), LAMBDA_KEYS);
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
                throw r.error(Reader.entry("lambda.environment", name), "must start with a letter and use only letters, digits and '_'");
            }
            if (RESERVED_ENV.contains(name)) {
                throw r.error(Reader.entry("lambda.environment", name), "is reserved by Lambda");
            }
        }
        int envBytes = env.entrySet().stream()
                .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        if (envBytes > MAX_ENV_BYTES) {
            throw r.error("lambda.environment", "is " + envBytes + " bytes; Lambda allows at most " + MAX_ENV_BYTES + " in total");
        }
        Map<String, String> tags = r.stringMap("lambda.tags");
        for (String key : tags.keySet()) {
            if (key.isEmpty() || key.length() > 128 || key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw r.error(Reader.entry("lambda.tags", key), "must be 1-128 characters and not start with \"aws:\"");
            }
            if (tags.get(key).length() > 256) {
                throw r.error(Reader.entry("lambda.tags", key), "value must be at most 256 characters");
            }
        }
        Integer retention = null;
        if (toml.contains("lambda.log_retention_days")) {
            retention = r.intInRange("lambda.log_retention_days", 0, 1, 3653);
            if (!RETENTION_DAYS.contains(retention)) {
                throw r.error("lambda.log_retention_days", "must be one of CloudWatch Logs' values " + RETENTION_DAYS.stream().sorted().toList() + ", got " + retention);
            }
        }
        boolean layer = r.bool("lambda.dependency_layer", true);
        boolean snapStart = r.bool("lambda.snap_start", false);
        if (snapStart && (!runtime.startsWith("java") || runtime.startsWith("java8"))) {
            throw r.error("lambda.snap_start", "needs a Java 11+ managed runtime (java17, java21, ...); Lambda has no SnapStart for " + runtime);
        }
        return new JavezeConfig(file, service,
                new JavezeConfig.Deployment(provider, region, type, stage, keepVersions),
                new JavezeConfig.LambdaDefaults(memory, timeout, runtime, arch, env, tags, retention,
                        toml.contains("lambda.architecture"), layer, snapStart), cors(r), r.bool("http.openapi", false),
                functions(r, env), PermissionsSection.read(r));
    }

    /** {@code [functions.NAME]} tables; whether each NAME is a function of the app is checked against the manifest later. */
    private static Map<String, FunctionSettings> functions(Reader r, Map<String, String> appEnvironment) {
        TomlTable functions = r.table("functions");
        if (functions == null) return Map.of();
        Map<String, FunctionSettings> out = new LinkedHashMap<>();
        for (String name : functions.keySet()) {
            List<String> path = List.of("functions", name);
            if (!(functions.get(List.of(name)) instanceof TomlTable table)) {
                throw r.error(path, "must be a table, e.g. [functions." + name + "] with environment = { KEY = \"value\" }");
            }
            r.unknownKeys(table, path, FUNCTION_KEYS);
            Map<String, String> env = new java.util.TreeMap<>();
            Map<String, FunctionSettings.SecretRef> secrets = new java.util.TreeMap<>();
            Object environment = table.get(List.of("environment"));
            List<String> envPath = List.of("functions", name, "environment");
            if (environment != null && !(environment instanceof TomlTable)) {
                throw r.error(envPath, "must be a table, e.g. environment = { KEY = \"value\", DB = { secret = \"prod/db\" } }");
            }
            if (environment instanceof TomlTable vars) {
                for (String key : vars.keySet()) {
                    List<String> keyPath = List.of("functions", name, "environment", key);
                    checkEnvName(r, keyPath, key);
                    Object value = vars.get(List.of(key));
                    if (value instanceof String s) {
                        env.put(key, s);
                    } else if (value instanceof TomlTable ref && ref.keySet().equals(Set.of("secret")) && ref.get(List.of("secret")) instanceof String id) {
                        if (!FunctionSettings.SecretRef.ARN.matcher(id).matches() && !FunctionSettings.SecretRef.NAME.matcher(id).matches()) {
                            throw r.error(keyPath, "secret must be a Secrets Manager secret name (letters, digits, /_+=.@-) or secret ARN, got \"" + id + "\"");
                        }
                        secrets.put(key, new FunctionSettings.SecretRef(id));
                    } else {
                        throw r.error(keyPath, "must be a string or { secret = \"secret-name-or-arn\" }, got " + Reader.typeName(value));
                    }
                }
            }
            Map<String, String> all = new java.util.TreeMap<>(appEnvironment);
            all.putAll(env);
            secrets.forEach((k, v) -> all.put(k, v.id()));
            int bytes = all.entrySet().stream()
                    .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
            if (bytes > MAX_ENV_BYTES) {
                throw r.error(envPath, "with [lambda] environment is " + bytes + " bytes; Lambda allows at most " + MAX_ENV_BYTES + " in total");
            }
            TomlPosition pos = r.toml().inputPositionOf(path);
            out.put(name, new FunctionSettings(name, pos == null ? 1 : pos.line(), env, secrets));
        }
        return out;
    }

    private static void checkEnvName(Reader r, List<String> path, String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw r.error(path, "must start with a letter and use only letters, digits and '_'");
        }
        if (RESERVED_ENV.contains(name)) {
            throw r.error(path, "is reserved by Lambda");
        }
        if (name.startsWith("JAVEZE_TOPIC_")) {
            throw r.error(path, "is reserved by javeze (publishers' topic ARNs)");
        }
    }

    private static HttpCors cors(Reader r) {
        TomlTable http = r.table("http");
        if (http == null) return null;
        r.unknownKeys(http, List.of("http"), HTTP_KEYS);
        TomlTable cors = r.table("http.cors");
        if (cors == null) return null;
        r.unknownKeys(cors, List.of("http", "cors"), CORS_KEYS);
        List<String> origins = r.stringList("http.cors.allow_origins");
        if (origins.isEmpty()) {
            throw r.error(r.toml().contains("http.cors.allow_origins") ? "http.cors.allow_origins" : "http.cors",
                    r.toml().contains("http.cors.allow_origins") ? "must name at least one origin, e.g. [\"https://app.example.com\"]"
                            : "needs allow_origins, e.g. allow_origins = [\"https://app.example.com\"]");
        }
        for (String origin : origins) {
            if (!CORS_ORIGIN.matcher(origin).matches()) {
                throw r.error("http.cors.allow_origins", "entries must be an origin like \"https://app.example.com\" (scheme, host, "
                        + "optional port, no path), \"https://*\", \"http://*\" or \"*\", got \"" + origin + "\"");
            }
        }
        List<String> methods = r.stringList("http.cors.allow_methods");
        for (String method : methods) {
            if (!CORS_METHODS.contains(method)) {
                throw r.error("http.cors.allow_methods", "entries must be one of " + CORS_METHODS.stream().sorted().toList()
                        + ", got \"" + method + "\"");
            }
        }
        List<String> allowHeaders = headers(r, "http.cors.allow_headers");
        List<String> exposeHeaders = headers(r, "http.cors.expose_headers");
        boolean credentials = r.bool("http.cors.allow_credentials", false);
        if (credentials && origins.contains("*")) {
            throw r.error("http.cors.allow_credentials", "= true cannot be combined with allow_origins \"*\" (API Gateway refuses it, "
                    + "as browsers do): list the origins that may send credentials");
        }
        Integer maxAge = r.toml().contains("http.cors.max_age") ? r.intInRange("http.cors.max_age", 0, -1, 86400) : null;
        return new HttpCors(origins, methods, allowHeaders, exposeHeaders, credentials, maxAge);
    }

    private static List<String> headers(Reader r, String key) {
        List<String> headers = r.stringList(key);
        for (String h : headers) {
            if (!HEADER_NAME.matcher(h).matches()) {
                throw r.error(key, "entries must be header names (letters, digits, '-') or \"*\", got \"" + h + "\"");
            }
        }
        return headers;
    }

    /** Typed access to the parsed document that turns every mismatch into a line-numbered error. */
    record Reader(Path file, TomlParseResult toml) {

        JavezeException error(String key, String problem) {
            return error(Toml.parseDottedKey(key), problem);
        }

        /** The message names the line of the key's definition; {@code path} is split, so keys may contain dots. */
        JavezeException error(List<String> path, String problem) {
            TomlPosition pos = toml.inputPositionOf(path);
            return new JavezeException(file + ":" + (pos == null ? 1 : pos.line()) + ": " + displayKey(path) + " " + problem);
        }

        private static String displayKey(List<String> path) {
            if (path.size() == 1) return Toml.joinKeyPath(path);
            if (path.size() == 2 && path.get(0).equals("functions")) return "[" + Toml.joinKeyPath(path) + "]";
            int table = path.size() > 2 && (path.subList(0, 2).equals(List.of("http", "cors")) || path.get(0).equals("functions")) ? 2 : 1;
            return "[" + Toml.joinKeyPath(path.subList(0, table)) + "] " + Toml.joinKeyPath(path.subList(table, path.size()));
        }

        void unknownKeys(TomlTable table, List<String> tablePath, Set<String> known) {
            for (String key : table.keySet()) {
                if (!known.contains(key)) {
                    List<String> path = new java.util.ArrayList<>(tablePath);
                    path.add(key);
                    throw error(path, "is not a known key (expected one of " + known.stream().sorted().toList() + ")");
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
                throw new JavezeException(file + ":1: missing required key " + key + " (e.g. " + key + " = \"my-service\")");
            }
            return string(key, null);
        }

        String string(String key, String fallback) {
            if (!toml.contains(key)) return fallback;
            if (!toml.isString(key)) throw error(key, "must be a string, got " + typeName(toml.get(key)));
            return toml.getString(key);
        }

        boolean bool(String key, boolean fallback) {
            if (!toml.contains(key)) return fallback;
            if (!toml.isBoolean(key)) throw error(key, "must be true or false, got " + typeName(toml.get(key)));
            return toml.getBoolean(key);
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
                    throw error(entry(key, k), "value must be a string, got " + typeName(v));
                }
                out.put(k, s);
            }
            return out;
        }

        List<String> stringList(String key) {
            if (!toml.contains(key)) return List.of();
            if (!toml.isArray(key)) throw error(key, "must be an array of strings, got " + typeName(toml.get(key)));
            org.tomlj.TomlArray array = toml.getArray(key);
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Object v = array.get(i);
                if (!(v instanceof String s)) throw error(key, "entries must be strings, got " + typeName(v));
                out.add(s);
            }
            return out;
        }

        static List<String> entry(String tableKey, String entryKey) {
            List<String> path = new java.util.ArrayList<>(Toml.parseDottedKey(tableKey));
            path.add(entryKey);
            return path;
        }

        static String typeName(Object v) {
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
