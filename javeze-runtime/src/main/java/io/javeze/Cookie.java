package io.javeze;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route parameter to a cookie. Supported types: String, int/long/double/boolean and their
 * boxes, UUID, enums, and {@code Optional} of those. A value that does not convert is a 400.
 * A missing value is a 400 unless {@link #required()} is false or {@link #defaultValue()} is set;
 * an optional parameter without a default receives null (or an empty {@code Optional}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Cookie {
    /** The cookie name; default: the Java parameter name. */
    String value() default "";

    boolean required() default true;

    /** Used when the cookie is missing; setting it makes the parameter optional. */
    String defaultValue() default NONE;

    /** Marker meaning "no default value". */
    String NONE = "\u0000javeze:none";
}
