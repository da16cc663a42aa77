package io.javeze.local.security;

/**
 * The credentials the local cloud accepts. Any access key id signed with the secret {@code test} (the convention
 * LocalStack and moto users already have in their AWS profiles): the user's own, unrestricted; and the temporary
 * credentials the local cloud hands the functions it runs ({@link RoleSessions}), held to their role's policies.
 * Knowing a secret that is documented is not what keeps a web page out: a browser cannot compute a SigV4 signature
 * without running script against the endpoint, and the cross-site checks refuse that.
 */
public final class LocalCredentials {
    public static final String SECRET_KEY = "test";

    private LocalCredentials() {}
}
