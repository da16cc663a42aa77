package io.javeze.config;

import java.util.regex.Pattern;

/**
 * What a stage name may be. A stage names an API Gateway stage and a Lambda alias, so it follows both:
 * 1-128 of {@code [a-zA-Z0-9_-]} (API Gateway), not only digits (Lambda reads those as a version), and
 * {@code service-stage} names the stage's HTTP API, which API Gateway limits to 128 characters.
 */
public final class Stages {
    public static final int MAX_API_NAME = 128;
    private static final Pattern STAGE = Pattern.compile("[a-zA-Z0-9_-]{1,128}");

    private Stages() {}

    /** @return null when valid, else what is wrong (for an error that names where the stage came from) */
    public static String problem(String service, String stage) {
        if (stage == null || !STAGE.matcher(stage).matches()) {
            return "must be 1-128 letters, digits, '-' or '_', got \"" + stage + "\"";
        }
        if (stage.chars().allMatch(Character::isDigit)) {
            return "must not be only digits (Lambda would read the alias \"" + stage + "\" as a version number)";
        }
        String api = service + "-" + stage;
        if (api.length() > MAX_API_NAME) {
            return "makes the HTTP API name \"" + service + "-" + stage.substring(0, 8) + "...\" " + api.length()
                    + " characters long; API Gateway allows " + MAX_API_NAME;
        }
        return null;
    }
}
