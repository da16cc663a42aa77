package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves one HTTP API route with its own Lambda function.
 *
 * <pre>{@code
 * @Route(method = "GET", path = "/users/{id}")
 * public static User user(long id) { ... }
 * }</pre>
 *
 * Path variables bind to parameters of the same name; see {@link Query}, {@link Header}, {@link Cookie},
 * {@link Body}, {@link AuthContext} and {@link Request} for the rest.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Route {
    /** HTTP method ({@code GET}, {@code POST}, ...) or {@code ANY}. */
    String method();

    /** Path template: starts with '/', variables as {@code {name}}, a greedy {@code {name+}} only as the last segment. */
    String path();

    /** Protect the route with the project's only {@link Auth} handler, or with {@link #authorizer()} if there are several. */
    boolean auth() default false;

    /** Name of the {@link Auth} handler that protects this route; implies {@code auth = true}. */
    String authorizer() default "";

    /** Function name; default: the method name in kebab-case. */
    String name() default "";

    /** Memory in MB; 0 uses javeze.toml's {@code [lambda] memory_size}. */
    int memorySize() default 0;

    /** Timeout in seconds; 0 uses javeze.toml's {@code [lambda] timeout}. */
    int timeout() default 0;

    /** Lambda SnapStart for this function's published versions; {@code DEFAULT} follows javeze.toml's {@code [lambda] snap_start}. */
    SnapStart snapStart() default SnapStart.DEFAULT;
}
