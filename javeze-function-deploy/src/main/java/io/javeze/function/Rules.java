package io.javeze.function;

import io.javeze.config.JavezeException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** AWS's documented constraints on the values a deploy sends, checked before any call. */
final class Rules {
    // From the Lambda and IAM API references.
    static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final Pattern LAYER_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,140}");
    static final Pattern ALIAS = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[a-zA-Z0-9+=,.@_/-]{1,512}");
    static final Pattern LAYER_VERSION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d:\\d{12}:layer:[a-zA-Z0-9_-]+:[0-9]+");
    static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    static final Pattern S3_BUCKET = Pattern.compile("(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** CloudWatch Logs accepts only these retention periods. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    /** Set by Lambda itself: a function cannot define them. */
    static final Set<String> RESERVED_ENV = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

    private Rules() {}

    static void environment(Map<String, String> env, String flag) {
        int size = 0;
        for (var e : env.entrySet()) {
            if (!ENV_KEY.matcher(e.getKey()).matches()) {
                throw new JavezeException(flag + ": \"" + e.getKey()
                        + "\" is not a valid Lambda variable name (a letter, then letters, digits or _; at least 2 characters)");
            }
            if (RESERVED_ENV.contains(e.getKey())) {
                throw new JavezeException(flag + ": \"" + e.getKey() + "\" is reserved by Lambda and cannot be set");
            }
            size += e.getKey().length() + e.getValue().length();
        }
        if (size > 4096) {
            throw new JavezeException(flag + ": the environment is " + size + " bytes; Lambda allows at most 4 KB");
        }
    }

    static void tags(Map<String, String> tags, String flag, int max) {
        if (tags.size() > max) {
            throw new JavezeException(flag + ": " + tags.size() + " tags; at most " + max + " are allowed here");
        }
        for (var e : tags.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || key.length() > 128 || !TAG_TEXT.matcher(key).matches()) {
                throw new JavezeException(flag + ": \"" + key + "\" is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@)");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new JavezeException(flag + ": tag key \"" + key + "\" uses the reserved aws: prefix");
            }
            if (e.getValue().length() > 256 || !TAG_TEXT.matcher(e.getValue()).matches()) {
                throw new JavezeException(flag + ": the value of tag \"" + key + "\" is not valid (0-256 letters, digits, spaces or _.:/=+-@)");
            }
        }
    }

    static void range(Integer value, int min, int max, String flag, String unit) {
        if (value != null && (value < min || value > max)) {
            throw new JavezeException(flag + " must be between " + min + " and " + max + " " + unit + ", got " + value);
        }
    }

    static void matches(String value, Pattern pattern, String flag, String what) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new JavezeException(flag + ": \"" + value + "\" is not " + what);
        }
    }
}
