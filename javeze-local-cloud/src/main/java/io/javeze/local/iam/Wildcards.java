package io.javeze.local.iam;

/** IAM's wildcards: {@code *} matches any run of characters (slashes and colons too), {@code ?} any one character. */
final class Wildcards {
    private Wildcards() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            pattern = pattern.toLowerCase(java.util.Locale.ROOT);
            value = value.toLowerCase(java.util.Locale.ROOT);
        }
        int p = 0;
        int v = 0;
        int star = -1;
        int resume = 0;
        while (v < value.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** ArnEquals/ArnLike: each of the six colon-separated parts is matched on its own, so a wildcard stays inside its part. */
    static boolean arnMatches(String pattern, String arn) {
        String[] want = pattern.split(":", 6);
        String[] have = arn.split(":", 6);
        if (want.length != 6 || have.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!matches(want[i], have[i], false)) {
                return false;
            }
        }
        return true;
    }
}
