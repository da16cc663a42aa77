package io.javeze;

import java.util.Map;

/**
 * An {@link Auth} handler's decision. The context of an allow reaches the protected route through
 * {@link AuthContext} parameters and {@link Request#authorizerContext()}; API Gateway accepts string,
 * number and boolean values.
 */
public final class AuthResult {
    private static final AuthResult DENY = new AuthResult(false, Map.of());

    private final boolean authorized;
    private final Map<String, Object> context;

    private AuthResult(boolean authorized, Map<String, Object> context) {
        this.authorized = authorized;
        this.context = Map.copyOf(context);
    }

    public static AuthResult allow() {
        return new AuthResult(true, Map.of());
    }

    public static AuthResult allow(Map<String, ?> context) {
        for (var e : context.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new IllegalArgumentException("authorizer context value \"" + e.getKey()
                        + "\" must be a String, number or boolean, got " + (v == null ? "null" : v.getClass().getName()));
            }
        }
        return new AuthResult(true, Map.copyOf(context));
    }

    public static AuthResult deny() {
        return DENY;
    }

    public boolean authorized() {
        return authorized;
    }

    public Map<String, Object> context() {
        return context;
    }
}
