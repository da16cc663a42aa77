package io.javeze.local.security;

import java.util.List;

/**
 * The credentials the local cloud accepts. Any access key id signed with the secret {@code test} (the convention
 * LocalStack and moto users already have in their AWS profiles), and the fixed credentials the local cloud hands
 * the functions it runs. Knowing a secret that is documented is not what keeps a web page out: a browser cannot
 * compute a SigV4 signature without running script against the endpoint, and the cross-site checks refuse that.
 */
public final class LocalCredentials {
    public static final String SECRET_KEY = "test";
    /** What {@code exec.Launcher} puts in a function's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
    public static final String FUNCTION_ACCESS_KEY = "javeze-local";
    public static final String FUNCTION_SECRET_KEY = "javeze-local";

    private LocalCredentials() {}

    /** The secrets a signature by {@code accessKeyId} may have been made with, the likeliest first. */
    static List<String> secretsFor(String accessKeyId) {
        return FUNCTION_ACCESS_KEY.equals(accessKeyId) ? List.of(FUNCTION_SECRET_KEY, SECRET_KEY) : List.of(SECRET_KEY);
    }
}
