package example.auth;

import io.javeze.Auth;
import io.javeze.AuthContext;
import io.javeze.AuthRequest;
import io.javeze.AuthResult;
import io.javeze.Route;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * An open route and a protected one. The auth handler accepts {@code Authorization: Bearer <token>} where the
 * token is the {@code EXAMPLE_AUTH_TOKEN} environment variable (javeze.toml sets a demo value); it fails closed:
 * no header, another scheme, a wrong token or an empty configured token all deny.
 */
public final class Secured {
    static final String TOKEN_VARIABLE = "EXAMPLE_AUTH_TOKEN";

    private Secured() {}

    @Auth
    public static AuthResult bearer(AuthRequest request) {
        return check(request.header("Authorization"), System.getenv(TOKEN_VARIABLE));
    }

    static AuthResult check(String authorization, String expected) {
        if (expected == null || expected.isBlank() || authorization == null || !authorization.startsWith("Bearer ")) {
            return AuthResult.deny();
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))
                ? AuthResult.allow(Map.of("user", "demo-user"))
                : AuthResult.deny();
    }

    @Route(method = "GET", path = "/public")
    public static String open() {
        return "Anyone can read this.";
    }

    @Route(method = "GET", path = "/private", auth = true)
    public static String secret(@AuthContext("user") String user) {
        return "Hello, " + user + ": you are authorized.";
    }
}
