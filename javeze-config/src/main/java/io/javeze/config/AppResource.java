package io.javeze.config;

import java.util.List;
import java.util.Locale;

/**
 * An AWS resource the app uses, declared in {@code [resources]} ({@code orders = { type = "dynamodb", name = "orders" }})
 * and bound to functions with {@code @Uses("orders")}. javeze does not create it: it grants the functions that use it
 * the actions their code calls, on its ARNs only, and passes its name in {@link #envVarName()}.
 *
 * @param key  the key in {@code [resources]}
 * @param type {@code dynamodb}, {@code s3}, {@code sqs} or {@code secretsmanager}: also the IAM service prefix of the
 *             actions it is granted
 * @param name the table, bucket, queue or secret name
 * @param arn  the ARN as declared, or null when declared by name (then it is in the deploy's account and region)
 * @param line where it is declared in javeze.toml
 */
public record AppResource(String key, String type, String name, String arn, int line) {
    public static final List<String> TYPES = List.of("dynamodb", "s3", "secretsmanager", "sqs");
    private static final String ENV_PREFIX = "JAVEZE_RESOURCE_";

    /**
     * The ARNs a grant names: a table and its indexes, a bucket and its objects, a queue, a secret (any of the
     * six-character suffixes Secrets Manager appends to a secret's name).
     */
    public List<String> arns(String partition, String region, String account) {
        return switch (type) {
            case "dynamodb" -> {
                String table = arn != null ? arn : "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + name;
                yield List.of(table, table + "/index/*");
            }
            case "s3" -> {
                String bucket = arn != null ? arn : "arn:" + partition + ":s3:::" + name;
                yield List.of(bucket, bucket + "/*");
            }
            case "sqs" -> List.of(arn != null ? arn : "arn:" + partition + ":sqs:" + region + ":" + account + ":" + name);
            case "secretsmanager" -> List.of(arn != null ? arn
                    : "arn:" + partition + ":secretsmanager:" + region + ":" + account + ":secret:" + name + "-??????");
            default -> throw new IllegalStateException("unknown resource type " + type);
        };
    }

    /**
     * The environment variable that carries the resource's name to the functions that use it: {@code JAVEZE_RESOURCE_}
     * and the key in upper case, every character other than A-Z and 0-9 replaced by '_' ({@code order-events} →
     * {@code JAVEZE_RESOURCE_ORDER_EVENTS}); {@code io.javeze.Resources.name("order-events")} reads it.
     */
    public String envVarName() {
        return envVarName(key);
    }

    public static String envVarName(String key) {
        StringBuilder out = new StringBuilder(ENV_PREFIX);
        for (char c : key.toUpperCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }
}
