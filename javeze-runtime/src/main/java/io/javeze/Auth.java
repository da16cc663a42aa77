package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An auth handler, deployed as an API Gateway HTTP API Lambda REQUEST authorizer with simple responses.
 * The method takes an {@link AuthRequest} and returns an {@link AuthResult} or a {@code boolean}.
 * A handler that throws denies the request.
 *
 * <pre>{@code
 * @Auth
 * public static AuthResult token(AuthRequest request) {
 *     return "secret".equals(request.header("Authorization"))
 *             ? AuthResult.allow(Map.of("user", "alice")) : AuthResult.deny();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Auth {
    /** Authorizer (and function) name that routes refer to; default: the method name in kebab-case. */
    String name() default "";

    /** Where API Gateway reads the identity; a request missing any of them gets 401 without calling the handler. */
    String[] identitySources() default {"$request.header.Authorization"};

    /** Seconds API Gateway caches a decision per identity; 0 disables caching. At most 3600. */
    int resultTtlSeconds() default 0;

    /** Memory in MB; 0 uses javeze.toml's default. */
    int memorySize() default 0;

    /** Timeout in seconds; 0 uses javeze.toml's default. */
    int timeout() default 0;

    /** Lambda SnapStart for this function's published versions; {@code DEFAULT} follows javeze.toml's {@code [lambda] snap_start}. */
    SnapStart snapStart() default SnapStart.DEFAULT;
}
