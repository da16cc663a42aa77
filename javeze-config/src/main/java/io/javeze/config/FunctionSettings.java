package io.javeze.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code [functions.NAME]} table of javeze.toml: settings for that function only, on top of {@code [lambda]}.
 *
 * @param name        the function's name in the app (checked against the manifest by {@link JavezeConfig#checkFunctionNames})
 * @param line        the line of its table, for errors
 * @param environment variables only this function gets (they win over {@code [lambda] environment})
 * @param secrets     variables holding a Secrets Manager secret's id: the function may read that secret's value
 */
public record FunctionSettings(String name, int line, Map<String, String> environment, Map<String, SecretRef> secrets) {

    public FunctionSettings {
        environment = Map.copyOf(environment);
        secrets = Map.copyOf(secrets);
    }

    public static FunctionSettings none(String name) {
        return new FunctionSettings(name, 0, Map.of(), Map.of());
    }

    /**
     * {@code { secret = "NAME-OR-ARN" }}: the variable gets the secret's id as written (GetSecretValue takes a name or
     * an ARN) and the function's role gets {@code secretsmanager:GetSecretValue} on that secret only. javeze never
     * reads the secret's value.
     */
    public record SecretRef(String id) {
        static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
        static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

        public boolean isArn() {
            return id.startsWith("arn:");
        }

        /**
         * The IAM resource of the secret: its ARN, or for a name the ARN pattern AWS documents for it (Secrets
         * Manager appends a hyphen and six random characters to a secret's name in its ARN).
         */
        public String resourceArn(String partition, String region, String account) {
            return isArn() ? id : "arn:" + partition + ":secretsmanager:" + region + ":" + account + ":secret:" + id + "-??????";
        }
    }
}
