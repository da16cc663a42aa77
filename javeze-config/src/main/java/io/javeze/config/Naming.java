package io.javeze.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** The names javeze gives to things, in one place so every module agrees. */
public final class Naming {
    /** Lambda's limit for a function name. */
    public static final int MAX_FUNCTION_NAME = 64;
    private static final int HASH_CHARS = 8;
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,39}");

    private Naming() {}

    /** @return null when {@code name} is a valid {@code service_name}, else what is wrong with it */
    public static String serviceNameProblem(String name) {
        return SERVICE_NAME.matcher(name).matches() ? null
                : "must start with a letter and use only letters, digits and '-' (at most 40), got \"" + name + "\"";
    }

    /** {@code getUserById} becomes {@code get-user-by-id}. */
    public static String kebab(String javaName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            boolean boundary = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(javaName.charAt(i - 1))
                        || (i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1))
                            && Character.isUpperCase(javaName.charAt(i - 1))));
            if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(Character.toLowerCase(c));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '-') end--;
        return out.substring(0, end);
    }

    /**
     * {@code {service}-{function}}, restricted to the characters Lambda allows ({@code [a-zA-Z0-9-_]}) and to
     * 64 characters; a longer name keeps its start and gets a stable hash of the full name as suffix.
     */
    public static String lambdaFunctionName(String service, String function) {
        String full = sanitize(service + "-" + function);
        if (full.length() <= MAX_FUNCTION_NAME) {
            return full;
        }
        String suffix = "-" + sha256Hex(full).substring(0, HASH_CHARS);
        return full.substring(0, MAX_FUNCTION_NAME - suffix.length()) + suffix;
    }

    /**
     * The environment variable deploy sets to a published topic's ARN: {@code JAVEZE_TOPIC_} and the topic name in
     * upper case, every character other than A-Z and 0-9 replaced by '_'. It must equal what the runtime's
     * {@code io.javeze.Topics.envVarName} reads (javeze-deploy's NamingContractTest checks it).
     */
    public static String topicEnvVar(String topic) {
        StringBuilder name = new StringBuilder("JAVEZE_TOPIC_");
        for (char c : topic.toUpperCase(Locale.ROOT).toCharArray()) {
            name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return name.toString();
    }

    /**
     * A resource of one stage: {@code {service}-{stage}-{name}}, within the 64 characters of the strictest user
     * (IAM role names); longer names keep their start and get a stable hash of the full name, as above.
     */
    public static String stageScoped(String service, String stage, String name) {
        return lambdaFunctionName(service + "-" + stage, name);
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            out.append(ok ? c : '-');
        }
        return out.toString();
    }

    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
