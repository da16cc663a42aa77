package io.javeze.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsException;
import io.javeze.local.http.Json;
import io.javeze.local.iam.RoleAuthorizer;
import java.util.regex.Pattern;

/** The settable members of a function's configuration (CreateFunction, UpdateFunctionConfiguration), checked as Lambda checks them. */
final class FunctionSettings {
    private static final Pattern HANDLER = Pattern.compile("[^\\s]{1,128}");
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern RUNTIME = Pattern.compile(
            "java(8|8\\.al2|11|17|21|25)|provided(\\.al2|\\.al2023)?|python3\\.\\d+|nodejs\\d+\\.x|ruby3\\.\\d+|dotnet\\d+");

    private final RoleAuthorizer roles;
    private final LambdaStore store;

    FunctionSettings(RoleAuthorizer roles, LambdaStore store) {
        this.roles = roles;
        this.store = store;
    }

    void validateRole(String role) {
        if (!ROLE.matcher(role).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + role + "' at 'role' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        }
        if (!roles.exists(role)) {
            throw AwsException.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    static void validateHandler(String handler) {
        if (!HANDLER.matcher(handler).matches()) {
            throw AwsException.validation("1 validation error detected: Value '" + handler + "' at 'handler' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [^\\s]+ and have length less than or equal to 128");
        }
    }

    /** Applies the members {@code in} sets to {@code cfg}, after checking each. */
    void apply(ObjectNode cfg, JsonNode in) {
        if (in.hasNonNull("Role")) {
            validateRole(in.get("Role").asText());
            cfg.put("Role", in.get("Role").asText());
        }
        if (in.hasNonNull("Handler")) {
            validateHandler(in.get("Handler").asText());
            cfg.put("Handler", in.get("Handler").asText());
        }
        if (in.hasNonNull("Runtime")) {
            String runtime = in.get("Runtime").asText();
            if (!RUNTIME.matcher(runtime).matches()) {
                throw AwsException.invalidParameter("Value " + runtime + " at 'runtime' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [java8.al2, java11, java17, java21, java25, provided.al2, "
                        + "provided.al2023, python3.x, nodejs<N>.x, ruby3.x, dotnet<N>] or be a valid ARN");
            }
            cfg.put("Runtime", runtime);
        }
        if (in.hasNonNull("Description")) {
            if (in.get("Description").asText().length() > 256) {
                throw AwsException.validation("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 256");
            }
            cfg.put("Description", in.get("Description").asText());
        }
        if (in.hasNonNull("Timeout")) {
            int t = in.get("Timeout").asInt();
            if (t < 1 || t > 900) {
                throw AwsException.validation("1 validation error detected: Value '" + t + "' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
            }
            cfg.put("Timeout", t);
        }
        if (in.hasNonNull("MemorySize")) {
            int m = in.get("MemorySize").asInt();
            if (m < 128 || m > 10240) {
                throw AwsException.validation("1 validation error detected: Value '" + m + "' at 'memorySize' failed to satisfy constraint: Member must have value "
                        + (m < 128 ? "greater than or equal to 128" : "less than or equal to 10240"));
            }
            cfg.put("MemorySize", m);
        }
        if (in.has("Environment")) {
            JsonNode vars = in.path("Environment").path("Variables");
            if (vars.isObject() && vars.size() > 0) {
                cfg.putObject("Environment").set("Variables", vars.deepCopy());
            } else {
                cfg.remove("Environment");
            }
        }
        if (in.has("Architectures")) {
            JsonNode a = in.get("Architectures");
            if (!a.isArray() || a.size() != 1 || !(a.get(0).asText().equals("x86_64") || a.get(0).asText().equals("arm64"))) {
                throw AwsException.validation("1 validation error detected: Value at 'architectures' failed to satisfy constraint: Member must have length 1 and be one of [x86_64, arm64]");
            }
            cfg.set("Architectures", a.deepCopy());
        }
        if (in.hasNonNull("TracingConfig")) {
            cfg.putObject("TracingConfig").put("Mode", in.get("TracingConfig").path("Mode").asText("PassThrough"));
        }
        if (in.hasNonNull("SnapStart")) {
            String applyOn = in.get("SnapStart").path("ApplyOn").asText("None");
            if (!applyOn.equals("PublishedVersions") && !applyOn.equals("None")) {
                throw AwsException.validation("1 validation error detected: Value '" + applyOn + "' at 'snapStart.applyOn' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]");
            }
            String runtime = cfg.path("Runtime").asText();
            if (applyOn.equals("PublishedVersions") && (!runtime.startsWith("java") || runtime.startsWith("java8"))) {
                throw AwsException.invalidParameter("SnapStart is not supported for runtime " + runtime
                        + "; use a Java 11 or later managed runtime");
            }
            // $LATEST is never optimized; each version published while ApplyOn is PublishedVersions is (snapshot)
            cfg.putObject("SnapStart").put("ApplyOn", applyOn).put("OptimizationStatus", "Off");
        }
        if (in.hasNonNull("EphemeralStorage")) {
            cfg.putObject("EphemeralStorage").put("Size", in.get("EphemeralStorage").path("Size").asInt(512));
        }
        if (in.has("Layers")) {
            ArrayNode out = Json.array();
            for (JsonNode l : in.path("Layers")) {
                out.addObject().put("Arn", l.asText()).put("CodeSize", LambdaLayers.version(store, l.asText()).description()
                        .path("Content").path("CodeSize").asLong());
            }
            if (out.isEmpty()) {
                cfg.remove("Layers");
            } else {
                cfg.set("Layers", out);
            }
        }
    }
}
